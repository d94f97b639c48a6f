"""The de-identifier's spaCy pipeline: the trained model shipped in ``echo_cases/deid/model``."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, cast

import numpy
import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab
from thinc.api import Model, NumpyOps

NUMPY_OPS = NumpyOps()

# Trained by ``make deid-model`` (echo_cases/deid/training); weights ship in the package.
MODEL_PATH = Path(__file__).resolve().parent / "model"
# A second model, trained on more varied text (``make deid-second``): its entities are
# added to the first's (a union: it can only add findings), when the setting says so.
MODEL_SECOND_PATH = Path(__file__).resolve().parent / "model_second"


class MatmulOps(NumpyOps):
    """thinc's NumpyOps, its matrix products done by numpy's BLAS.

    The blis that thinc's wheel bundles selects its portable "generic" kernels on the
    machines we measured (an AMD EPYC under a hypervisor): numpy's OpenBLAS multiplies
    tok2vec's matrices about 2.5 times faster there. Every other operation, and the
    parser's own per-step products, stay thinc's.
    """

    name = "echo_matmul"

    def gemm(  # type: ignore[override]
        self,
        x: numpy.ndarray,
        y: numpy.ndarray,
        out: numpy.ndarray | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> numpy.ndarray:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def blas_single_threaded() -> bool:
    """Whether numpy's OpenBLAS was told to use one thread (echo_cases.deid sets it so).

    With threads, OpenBLAS spends more CPU on such small products than it saves.
    """
    return os.environ.get("OPENBLAS_NUM_THREADS") == "1"


def use_matmul_ops(nlp: Language) -> None:
    """Run the pipeline's matrix products on numpy's BLAS (MatmulOps)."""
    ops = MatmulOps()
    for _, component in nlp.pipeline:
        model: Any = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


# spaCy builds a language's default tokenizer (its expressions compiled, its 1,300
# exceptions added) and then replaces every part of it by the model's own from disk: a
# tenth of a second of CPU at every start. The model's tokenizer, spaCy's own, is built
# bare instead, and its config says what the model's says.
_SPACY_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}
_BARE_TOKENIZER = {"@tokenizers": "echo_cases.bare_tokenizer.v1"}


@spacy.registry.tokenizers(_BARE_TOKENIZER["@tokenizers"])
def _bare_tokenizer() -> Any:
    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return make


def load_model(model_path: Path = MODEL_PATH, vocab: Vocab | None = None) -> Language:
    """The pipeline at ``model_path``; with ``vocab`` (another pipeline's), one that shares
    it rather than reading its own: a second model then adds no strings of its own."""
    shared: dict[str, Any] = {} if vocab is None else {"vocab": vocab, "exclude": ["vocab"]}
    stated = spacy.util.load_config(model_path / "config.cfg")["nlp"]["tokenizer"]
    if stated == _SPACY_TOKENIZER and (model_path / "tokenizer").is_file():
        nlp = spacy.load(model_path, config={"nlp": {"tokenizer": _BARE_TOKENIZER}}, **shared)
        nlp.config["nlp"]["tokenizer"] = stated
    else:
        nlp = spacy.load(model_path, **shared)
    if blas_single_threaded():
        use_matmul_ops(nlp)
    return nlp


class Annotator:
    """Runs the pipeline on texts; the Docs are those ``nlp(text)`` and ``nlp.pipe`` make.

    Two costs of spaCy's are spared, neither changing a token or a number:

    * The tokenizer caches how it splits a whitespace-separated word only while nothing
      in the text so far was a special case (spaCy issue #1250): in clinical text "Dr." or
      "p.m." comes early, so almost no word was ever cached and each was split again by
      its prefix, suffix and infix expressions. Splitting each new word on its own, once,
      caches it as spaCy would have (a word whose split needs a special case is never
      cached): text then costs a tenth of it.
    * One text's tok2vec runs as one function (``FusedTok2Vec``) over the same operations
      on the same arrays, without thinc's layer-by-layer calls and conversions.
    * One text's entities are read by ``GreedyNer``, which takes the moves spaCy's greedy
      parser takes, scored for all the tokens at once rather than one token at a time.
    """

    def __init__(
        self,
        nlp: Language,
        recase: Callable[[str], str] | None = None,
        guess_margin: float = 0.0,
    ) -> None:
        self.nlp = nlp
        # What the models read of a text (recasing.py: a text in capitals, recased; always
        # of the same length, so the Doc's character offsets are the text's).
        self._recase = recase
        self._seen: set[str] = set()
        # As many words as spaCy's cache holds; beyond that it caches nothing more.
        self._limit = int(getattr(nlp.tokenizer, "max_cache_size", 10000))
        self._tok2vec = nlp.get_pipe("tok2vec") if "tok2vec" in nlp.pipe_names else None
        self._fused = FusedTok2Vec.of(self._tok2vec.model) if self._tok2vec is not None else None
        self._ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
        # With a margin, the NER's guesses are read too (GreedyNer, ``reading_of``).
        self._greedy = GreedyNer.of(self._ner, guess_margin) if self._ner is not None else None

    @property
    def fused(self) -> bool:
        """Whether one text's tok2vec runs fused (the model has the architecture fused)."""
        return self._fused is not None

    @property
    def greedy(self) -> GreedyNer | None:
        """What reads one text's entities when the model's NER is one GreedyNer reads."""
        return self._greedy

    def make_doc(self, text: str) -> Doc:
        """``nlp.make_doc(text)`` of the text as ``recase`` gives it the models; the words
        seen for the first time are cached afterwards."""
        if self._recase is not None:
            text = self._recase(text)
        doc = self.nlp.make_doc(text)
        seen = self._seen
        if len(seen) < self._limit:
            tokenizer = self.nlp.tokenizer
            for word in text.split():
                if word not in seen:
                    seen.add(word)
                    tokenizer(word)
        return doc

    def annotate(self, text: str) -> Doc:
        """``nlp(text)``: each component called in turn (Language.__call__'s bookkeeping
        is a tenth of a short text's model time)."""
        return self._annotate_doc(self.make_doc(text))

    def annotate_with(self, text: str, second: Annotator) -> tuple[Doc, Reading]:
        """``annotate(text)``, and what ``second.annotate_tokens`` of that Doc would read
        (``reading_of``), read without a second Doc.

        Both models read the same features of the same tokens: when their tok2vec hashes
        them alike (``FusedTok2Vec.keys_as``), the words' features are read and hashed once,
        and the second model's entities are read from its vectors by ``GreedyNer``, never
        set on a Doc. Where GreedyNer leaves the second model's moves to spaCy, or either
        model is not one these read, the second runs on a copy of the tokens as before.
        """
        doc = self.make_doc(text)
        if not (len(doc) and self._reads_as(second)):
            doc = self._annotate_doc(doc)
            return doc, reading_of(second.annotate_tokens(doc))
        fused, theirs = cast(FusedTok2Vec, self._fused), cast(FusedTok2Vec, second._fused)
        hashed = fused.keys([doc])
        # Before the first model's entities are set: GreedyNer reads a Doc without any.
        found = cast(GreedyNer, second._greedy).readings_of_vectors(doc, theirs.embed(*hashed)[0])
        cast(Any, self._tok2vec).set_annotations([doc], fused.embed(*hashed))
        cast(GreedyNer, self._greedy)(doc)
        if found is None:
            return doc, reading_of(second.annotate_tokens(doc))
        entities, guesses = found
        return doc, Reading(
            [_char_span(doc, s, e, label) for s, e, label in entities],
            [_char_span(doc, s, e, label) for s, e, label in guesses],
        )

    def _reads_as(self, second: Annotator) -> bool:
        """Whether ``annotate_with`` may read both models from one Doc: each is tok2vec
        then NER, fused and greedy, and both hash a token's features alike."""
        return (
            self.nlp.pipe_names == second.nlp.pipe_names == ["tok2vec", "ner"]
            and self._fused is not None
            and second._fused is not None
            and self._greedy is not None
            and second._greedy is not None
            and second._greedy.reads_vectors
            and second._fused.keys_as(self._fused)
        )

    def _annotate_doc(self, doc: Doc) -> Doc:
        for _, component in self.nlp.pipeline:
            if component is self._tok2vec and self._fused is not None and len(doc):
                self._tok2vec.set_annotations([doc], self._fused([doc]))
            elif component is self._ner and self._greedy is not None:
                doc = self._greedy(doc)
            else:
                doc = component(doc)
        return doc

    def pipe(self, texts: list[str], batch_size: int) -> list[Doc]:
        """``list(nlp.pipe(texts, batch_size=batch_size))``: the components batch the Docs as
        their own ``pipe`` does (the NER, ``GreedyNer``, by length in quarters of a batch)."""
        return self._pipe_docs([self.make_doc(t) for t in texts], batch_size)

    def annotate_tokens(self, doc: Doc) -> Doc:
        """``annotate`` on the tokens of ``doc``, another pipeline's Doc of the same text."""
        return self._annotate_doc(self.copy_tokens(doc))

    def pipe_tokens(self, docs: list[Doc], batch_size: int) -> list[Doc]:
        """``pipe`` on the tokens of ``docs``, another pipeline's Docs of the same texts."""
        return self._pipe_docs([self.copy_tokens(doc) for doc in docs], batch_size)

    def copy_tokens(self, doc: Doc) -> Doc:
        """A fresh Doc of this pipeline's vocabulary (the first's, for a second model loaded
        with it) with the words, spaces and norms of ``doc``: a second model
        (MODEL_SECOND_PATH) reads the tokens the first was given, without splitting the text
        again, and its entities have the same offsets."""
        copy = Doc(
            self.nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]
        )
        for token, theirs in zip(copy, doc, strict=True):
            # A special case of the tokenizer may give its token a norm of its own.
            if theirs.norm != theirs.lex.norm:
                token.norm_ = theirs.norm_
        return copy

    def _pipe_docs(self, docs: list[Doc], batch_size: int) -> list[Doc]:
        if self._greedy is None or self.nlp.pipe_names != ["tok2vec", "ner"]:
            return list(self.nlp.pipe(docs, batch_size=batch_size))
        tok2vec: Any = self._tok2vec
        for at in range(0, len(docs), batch_size):
            batch = docs[at : at + batch_size]
            tok2vec.set_annotations(batch, tok2vec.predict(batch))
            by_length = sorted(batch, key=len)
            step = max(batch_size // 4, 2)
            for start in range(0, len(by_length), step):
                self._greedy.parse(by_length[start : start + step])
        return docs


def _flat(layer: Model) -> list[Model]:
    """The layers of nested chains, in order (a layer that is no chain: itself)."""
    if _kind(layer) != "thinc.layers.chain":
        return [layer]
    return [leaf for sub in layer.layers for leaf in _flat(sub)]


def _kind(layer: Model) -> str:
    return str(getattr(layer._func, "__module__", ""))


def _expect(layers: list[Model], kinds: list[str]) -> list[Model]:
    if [_kind(layer) for layer in layers] != kinds:
        raise ValueError(f"not the architecture FusedTok2Vec computes: {layers}")
    return layers


_BLOCK = ["thinc.layers.maxout", "thinc.layers.layernorm", "thinc.layers.dropout"]


class FusedTok2Vec:
    """spaCy's Tok2Vec.v2 (MultiHashEmbed.v2 without static vectors, MaxoutWindowEncoder.v2)
    at prediction, as one function: the same ops on the same arrays in the same order, so
    the vectors are equal to the last bit (tests/deid/test_model_ops.py), without thinc's
    per-layer calls, Ragged and list conversions (a fifth of a short text's tok2vec time).

    ``of`` answers None for any other architecture: the model is then run as it is.
    """

    def __init__(self, model: Model) -> None:
        (features, to_ragged, embed, mix, to_list, encode) = _expect(
            _flat(model),
            [
                "spacy.ml.featureextractor",
                "thinc.layers.list2ragged",
                "thinc.layers.with_array",
                "thinc.layers.with_array",
                "thinc.layers.ragged2list",
                "thinc.layers.with_array",
            ],
        )
        self.columns = features.attrs["columns"]
        self.features_ops = features.ops
        self.to_ragged_ops = to_ragged.ops
        self.to_list_ops = to_list.ops
        concat = _expect(embed.layers, ["thinc.layers.concatenate"])[0]
        self.concat_ops = concat.ops
        self.tables = []
        for branch in concat.layers:
            getitem, hashembed = _expect(
                _flat(branch), ["thinc.layers.array_getitem", "thinc.layers.hashembed"]
            )
            self.tables.append(
                (
                    getitem.attrs["index"],
                    hashembed.get_param("E"),
                    int(hashembed.attrs["seed"]),
                    hashembed.ops,
                )
            )
        self.mix = _Block(*_expect(_flat(mix.layers[0]), _BLOCK))
        self.pad = int(encode.attrs["pad"])
        self.encoder = encode.layers[0]
        residuals = _flat(self.encoder)
        self.blocks = []
        for res in _expect(residuals, ["thinc.layers.residual"] * len(residuals)):
            window, *block = _expect(_flat(res.layers[0]), ["thinc.layers.expand_window", *_BLOCK])
            self.blocks.append((int(window.attrs["window_size"]), window.ops, _Block(*block)))

    @classmethod
    def of(cls, model: Model) -> FusedTok2Vec | None:
        try:
            return cls(model)
        except (ValueError, KeyError, IndexError, AttributeError):
            return None

    def __call__(self, docs: list[Doc]) -> list[numpy.ndarray]:
        """``model.predict(docs)`` for docs of one token or more."""
        return self.embed(*self.keys(docs))

    def keys(self, docs: list[Doc]) -> tuple[numpy.ndarray, list[numpy.ndarray]]:
        """The Docs' lengths, and the rows of each embedding table their tokens' features
        hash to (the part of ``__call__`` that reads the Docs)."""
        feats = [
            self.features_ops.asarray2i(doc.to_array(self.columns), dtype="uint64") for doc in docs
        ]
        lengths = self.to_ragged_ops.asarray1i([len(x) for x in feats])
        ids = self.to_ragged_ops.flatten(feats)
        return lengths, [
            ops.hash(ops.as_contig(ids[index], dtype="uint64"), seed) % table.shape[0]
            for index, table, seed, ops in self.tables
        ]

    def keys_as(self, other: FusedTok2Vec) -> bool:
        """Whether ``keys`` of a Doc are ``other.keys`` of it: the same features, hashed
        with the same seeds into tables of as many rows (two models trained from one
        config)."""
        return self.columns == other.columns and [
            (index, table.shape[0], seed) for index, table, seed, _ in self.tables
        ] == [(index, table.shape[0], seed) for index, table, seed, _ in other.tables]

    def embed(self, lengths: numpy.ndarray, keys: list[numpy.ndarray]) -> list[numpy.ndarray]:
        """``__call__``'s vectors from the Docs' ``keys`` (of this model or one ``keys_as``
        it)."""
        vectors = [
            ops.gather_add(table, rows)
            for (_, table, _, ops), rows in zip(self.tables, keys, strict=True)
        ]
        hidden = self.mix(self.concat_ops.xp.hstack(vectors))
        rows = self.to_list_ops.unflatten(hidden, lengths)
        flat = self.encoder.ops.flatten(rows, pad=self.pad)
        for window, window_ops, block in self.blocks:
            flat = flat + block(window_ops.seq2col(flat, window))
        return self.encoder.ops.unflatten(flat, NUMPY_OPS.asarray1i(lengths), pad=self.pad)


# numpy's OpenBLAS multiplies by weights stored transposed (the rows of ``W.T``) with a
# fraction of the fixed cost of reading ``W`` transposed (about 0.1 ms less a product on
# this machine, four products a text: a twentieth of a short text's time). From seven rows
# on it gives the same bits either way (tests/deid/test_model_ops.py); with fewer it takes
# another kernel, and ``W`` is read as thinc reads it.
SAME_BITS_FROM_ROWS = 7


class _Block:
    """maxout, then layernorm (dropout does nothing at prediction), its weights looked up
    once rather than at every call."""

    def __init__(self, maxout: Model, norm: Model, _dropout: Model) -> None:
        n_out, n_pieces, n_in = maxout.get_dim("nO"), maxout.get_dim("nP"), maxout.get_dim("nI")
        self.ops = maxout.ops
        self.shape = (n_out, n_pieces)
        self.weights = self.ops.reshape2f(maxout.get_param("W"), n_out * n_pieces, n_in)
        self.bias = self.ops.reshape1f(maxout.get_param("b"), n_out * n_pieces)
        self.gain = norm.get_param("G")
        self.shift = norm.get_param("b")
        self.weights_by_row = (
            numpy.ascontiguousarray(self.weights.T) if isinstance(self.ops, MatmulOps) else None
        )

    def __call__(self, x: numpy.ndarray) -> numpy.ndarray:
        ops = self.ops
        if self.weights_by_row is not None and x.shape[0] >= SAME_BITS_FROM_ROWS:
            y = numpy.matmul(x, self.weights_by_row)
        else:
            y = ops.gemm(x, self.weights, trans2=True)
        y += self.bias
        best, _ = ops.maxout(ops.reshape3f(y, y.shape[0], *self.shape))
        # thinc's layernorm (``best.mean`` and ``best.var`` along the rows): the ufuncs
        # numpy's _mean and _var call, in their order, without their checks.
        count = numpy.intp(best.shape[1])
        mu = numpy.add.reduce(best, axis=1, keepdims=True)
        numpy.true_divide(mu, count, out=mu, casting="unsafe", subok=False)
        centred = best - mu
        var = numpy.add.reduce(numpy.square(centred), axis=1, keepdims=True)
        numpy.true_divide(var, count, out=var, casting="unsafe", subok=False)
        var += 1e-08
        out = centred * var ** (-1.0 / 2.0) * self.gain
        out += self.shift
        return out


# A float32 sum of n products, in any order, is within n*u/(1 - n*u) of the exact sum of
# their magnitudes (u, the unit roundoff, is 2**-24); spaCy's order and numpy's may each be
# that far off, and the bias adds one rounding more.
_UNIT_ROUNDOFF = float(numpy.finfo(numpy.float32).eps) / 2
# Entities are short: the scores inside one are computed this many tokens at a time.
_ENTITY_BLOCK = 4


class GreedyNer:
    """spaCy's NER (TransitionBasedParser.v2, BILUO moves, greedy) on one Doc, its moves
    chosen as spaCy chooses them, with the scores of every token computed at once.

    spaCy's parser takes one token at a time, in Cython, and pays per step for its small
    matrix product in thinc's blis (generic kernels on the machines measured) and for
    taking the GIL again in its state's methods: 1.9 ms of a 490-character text's 2.0 ms.
    Here the state before a token depends only on whether an entity is open, and where it
    started: the scores of every token outside an entity are one matrix product, and those
    inside one a product over a few tokens.

    Same moves: the hidden layer is computed by the same float32 operations in the same
    order as spaCy's (``sum_state_features``, then the bias, then maxout), so it is equal
    to the last bit; the scores are products of it with the output weights, which numpy
    sums in another order than blis. Each score is therefore given a bound on how far the
    two can differ (``_UNIT_ROUNDOFF``), and a move is taken only when it leads every other
    valid move by more than twice the bound: else spaCy's own parser reads the Doc. The
    moves valid at each token are spaCy's (``ner.pyx``) for a Doc with no entity set
    beforehand and no sentence starts but the first; any other Doc goes to spaCy too.
    ``of`` answers None for another architecture or transition system.

    With a ``guess_margin``, each Doc is read a second time from the same scores, its "O"
    score lowered by the margin: the entities the model would open were it that much
    less sure a token is outside one (its guesses, ``reading_of``). Only where an entity
    opens changes (inside one, "O" is no valid move), so the second reading costs one
    more choice of moves per token. The guesses of a Doc spaCy's parser reads are none; in
    a batch (``parse``), one Doc with a near tie sends the batch to spaCy, so a text's
    guesses may then depend on the texts read with it (a case's fields are read as one
    batch): rare, ``fallbacks`` counts them, and the union of the rest stands.
    """

    def __init__(self, ner: Any, guess_margin: float = 0.0) -> None:
        model = ner.model
        if (
            ner.cfg.get("beam_width") != 1
            or type(ner.moves).__name__ != "BiluoPushDown"
            or list(ner.postprocesses)
            or not model.attrs.get("has_upper")
            or model.attrs.get("unseen_classes")
        ):
            raise ValueError("not the greedy NER GreedyNer computes")
        self.ner = ner
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        upper = model.get_ref("upper")
        if (self.lower.get_dim("nF"), self.lower.get_dim("nP")) != (3, 2):
            raise ValueError("GreedyNer reads three features and maxout of two pieces")
        self.lower_bias = self.lower.get_param("b")
        weights = upper.get_param("W").T.copy()
        bias = upper.get_param("b").copy()
        self.weights, self.bias = weights, bias
        self.abs_weights, self.abs_bias = numpy.abs(weights), numpy.abs(bias)
        n = weights.shape[0] + 2
        # Twice the bound of each order: |ours - spaCy's| <= 2 * gamma_n * sum |h w| + |b|.
        self.gamma = numpy.float32(4 * n * _UNIT_ROUNDOFF / (1 - n * _UNIT_ROUNDOFF))
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        self.names = names
        labels = {name[2:] for name in names if len(name) > 2}
        expected = {f"{m}-{label}" for label in labels for m in "BILU"} | {"O", "U-"}
        if set(names) != expected or len(names) != len(expected):
            raise ValueError(f"not the BILUO moves GreedyNer takes: {names}")
        self.begins = numpy.array([n.startswith("B-") for n in names])
        self.units = numpy.array([n.startswith("U-") and len(n) > 2 for n in names])
        self.outs = numpy.array([n == "O" for n in names])
        # Inside an entity of a label, two moves are valid: its In, then its Last.
        self.inside: dict[str, tuple[numpy.ndarray, ...]] = {}
        for label in labels:
            pair = [names.index(f"I-{label}"), names.index(f"L-{label}")]
            self.inside[label] = (
                weights[:, pair].copy(),
                bias[pair].copy(),
                self.abs_weights[:, pair].copy(),
                self.abs_bias[pair].copy(),
            )
        self.guess_margin = numpy.float32(guess_margin)
        self.fallbacks = 0
        # The NER reads the tok2vec's vectors through a listener, then its own layers.
        layers = list(self.tok2vec.layers)
        self.after_listener = layers[1:]
        self.reads_vectors = [layer.name for layer in layers] == [
            "tok2vec-listener",
            "list2array",
            "linear",
        ]

    @classmethod
    def of(cls, ner: Any, guess_margin: float = 0.0) -> GreedyNer | None:
        try:
            return cls(ner, guess_margin)
        except (ValueError, KeyError, AttributeError):
            return None

    def __call__(self, doc: Doc) -> Doc:
        """``ner(doc)``: the Doc with its entities set."""
        self.parse([doc])
        return doc

    def parse(self, docs: list[Doc]) -> None:
        """``ner.set_annotations(docs, ner.predict(docs))``: the entities of Docs that
        spaCy's parser reads at once (their features come from one matrix product); with
        a guess margin, each Doc's guesses kept beside them (``reading_of``)."""
        found = self._batch_readings(docs) if any(len(doc) for doc in docs) else None
        if found is None:
            self.fallbacks += any(len(doc) for doc in docs)
            self.ner.set_annotations(docs, self.ner.predict(docs))
            return
        for doc, (ents, guesses) in zip(docs, found, strict=True):
            doc.set_ents([Span(doc, s, e, label=label) for s, e, label in ents], default="outside")
            if self.guess_margin:
                doc.user_data[_GUESSES] = [_char_span(doc, s, e, label) for s, e, label in guesses]

    def readings_of_vectors(self, doc: Doc, vectors: numpy.ndarray) -> TokenReadings | None:
        """The entities (token start, end, label) ``parse([doc])`` would set were
        ``vectors`` the Doc's tensor, and its guesses, without setting either; None where
        spaCy must decide. Only when ``reads_vectors``: the listener's part is to hand the
        tensor on."""
        projected: Any = [vectors]
        for layer in self.after_listener:
            projected = layer.predict(projected)
        return self._readings(doc, self.lower.predict(projected), 0)

    def _batch_readings(self, docs: list[Doc]) -> list[TokenReadings] | None:
        cached = self.lower.predict(self.tok2vec.predict(docs))
        found: list[TokenReadings] = []
        offset = 0
        for doc in docs:
            read = self._readings(doc, cached, offset) if len(doc) else ([], [])
            if read is None:
                return None
            found.append(read)
            offset += len(doc)
        return found

    def _hidden(self, unmaxed: numpy.ndarray) -> numpy.ndarray:
        unmaxed += self.lower_bias
        return numpy.maximum(unmaxed[..., 0], unmaxed[..., 1])

    def _bound(self, hidden: numpy.ndarray, weights: numpy.ndarray, bias: numpy.ndarray) -> Any:
        bound = numpy.abs(hidden) @ weights
        bound += bias
        bound *= self.gamma
        return bound

    def _readings(self, doc: Doc, cached: numpy.ndarray, offset: int) -> TokenReadings | None:
        """spaCy's entities (token start, end, label) and, with a guess margin, the guesses;
        None where spaCy must decide the entities (the guesses are then none, and they are
        none too where the lowered reading meets a near tie).

        ``cached``: the lower layer's output for the Docs parsed at once, this one's tokens
        from row ``offset + 1`` (row 0 is the padding for a missing feature).
        """
        n = len(doc)
        marks = doc.to_array([SENT_START, ENT_IOB, IS_SPACE])
        if (marks[1:, 0] == 1).any() or marks[:, 1].any():
            return None  # sentence starts or entities set beforehand: other moves are valid
        # Features of a state: the token, the first token of the open entity, the token
        # before it.
        padding = cached[0]
        features = cached[offset:]
        unmaxed = numpy.zeros((n, *cached.shape[2:]), dtype="f")
        unmaxed += features[1 : n + 1, 0]
        unmaxed += padding[1]
        unmaxed += padding[2]
        hidden = self._hidden(unmaxed)
        scores = hidden @ self.weights
        scores += self.bias
        bound = self._bound(hidden, self.abs_weights, self.abs_bias)
        # Outside an entity: Out always; Unit but on whitespace; Begin also not last.
        words = marks[:, 2] == 0
        valid = numpy.zeros(scores.shape, dtype=bool)
        valid[:, self.outs] = True
        valid[:, self.units] = words[:, None]
        words[-1] = False
        valid[:, self.begins] = words[:, None]
        margins = 2 * numpy.where(valid, bound, 0).max(axis=1)
        ends: dict[tuple[int, str], int | None] = {}
        ents = self._walk(numpy.where(valid, scores, -numpy.inf), margins, features, ends)
        if ents is None or not self.guess_margin:
            return None if ents is None else (ents, [])
        scores[:, self.outs] -= self.guess_margin
        guesses = self._walk(numpy.where(valid, scores, -numpy.inf), margins, features, ends)
        return ents, [g for g in guesses or () if g not in ents]

    def _walk(
        self,
        scored: numpy.ndarray,
        margins: numpy.ndarray,
        features: numpy.ndarray,
        ends: dict[tuple[int, str], int | None],
    ) -> list[tuple[int, int, str]] | None:
        """The entities the moves of the best ``scored`` outside entities take, or None at
        a move that does not lead every other by its margin. ``ends`` caches where an
        entity opened at a token ends: it does not depend on the scores outside."""
        n = len(scored)
        tokens = numpy.arange(n)
        best = scored.argmax(axis=1)
        lead = scored[tokens, best]
        scored[tokens, best] = -numpy.inf
        lead -= scored.max(axis=1)
        clear = (lead > margins).tolist()
        moves = [self.names[i] for i in best.tolist()]
        ents = []
        t = 0
        while t < n:
            if not clear[t]:
                return None
            move = moves[t]
            if move[0] == "U":
                ents.append((t, t + 1, move[2:]))
            elif move[0] == "B":
                key = (t, move[2:])
                if key not in ends:
                    ends[key] = self._entity_end(features, t, move[2:], n)
                end = ends[key]
                if end is None:
                    return None
                ents.append((t, end, move[2:]))
                t = end - 1
            t += 1
        return ents

    def _entity_end(self, features: numpy.ndarray, start: int, label: str, n: int) -> int | None:
        """Where the entity opened at ``start`` ends: the first token In does not lead.
        (``features``: the Doc's features, token t's in row t + 1.)"""
        weights, bias, abs_weights, abs_bias = self.inside[label]
        at = start + 1
        while at < n:
            stop = min(at + _ENTITY_BLOCK, n)
            unmaxed = numpy.zeros((stop - at, *features.shape[2:]), dtype="f")
            unmaxed += features[at + 1 : stop + 1, 0]
            unmaxed += features[start + 1, 1]
            unmaxed += features[at:stop, 2]
            hidden = self._hidden(unmaxed)
            scores = hidden @ weights
            scores += bias
            bound = self._bound(hidden, abs_weights, abs_bias)
            leads = (scores[:, 0] - scores[:, 1]).tolist()
            margins = (2 * bound.max(axis=1)).tolist()
            for i, (lead, margin) in enumerate(zip(leads, margins, strict=True)):
                if at + i == n - 1:
                    return n  # In needs a token after it: Last
                if abs(lead) <= margin:
                    return None
                if lead < 0:
                    return at + i + 1
            at = stop
        return n


# An entity as a span of characters and its label: (start_char, end_char, label).
Entity = tuple[int, int, str]
# A Doc's entities and guesses as spans of tokens (start, end, label).
TokenReadings = tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]
# Where ``GreedyNer.parse`` keeps a Doc's guesses (``Doc.user_data``, spaCy's place for them).
_GUESSES = "echo_cases.guesses"


class Reading(NamedTuple):
    """What a model reads in a text: its entities, and the guesses it would add were it
    less sure that a token is outside an entity (``GreedyNer``'s guess margin)."""

    entities: list[Entity]
    guesses: list[Entity]


def entities_of(doc: Doc) -> list[Entity]:
    """The entities of ``doc`` as spans of characters."""
    return [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]


def reading_of(doc: Doc) -> Reading:
    """The entities of ``doc`` and the guesses ``GreedyNer.parse`` kept beside them."""
    return Reading(entities_of(doc), list(doc.user_data.get(_GUESSES, ())))


def _char_span(doc: Doc, start: int, end: int, label: str) -> Entity:
    return (int(doc[start].idx), _end_char(doc, end), label)


def _end_char(doc: Doc, end: int) -> int:
    """Where a span of tokens ending before token ``end`` ends (``Span.end_char``)."""
    last = doc[end - 1]
    return int(last.idx) + len(last)


class EchoSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over our own model, loaded from the package, never fetched."""

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": str(model_path)}])
        self.model_path = model_path

    def load(self) -> None:
        self.nlp = {"en": load_model(self.model_path)}

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        # Without a lemmatizer, lower-cased tokens serve Presidio's context matching.
        return NlpArtifacts(
            entities=list(doc.ents),
            tokens=doc,
            tokens_indices=[t.idx for t in doc],
            lemmas=[t.lower_ for t in doc],
            nlp_engine=self,
            language=language,
            scores=[0.85] * len(doc.ents),
        )
