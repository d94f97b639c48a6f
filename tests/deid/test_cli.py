"""``echo-cases deid`` and ``echo-cases deid-eval``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from echo_cases.cli import main
from echo_cases.deid import Deidentifier

DATA = Path(__file__).parent / "data"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_deid_writes_redacted_text_and_entities_with_input_offsets(
    tmp_path: Path, deid: Deidentifier
) -> None:
    text = "Patient: Kamau Mwangi  MRN: 5512345. Seen 2024-01-03."
    src = _write(tmp_path / "in.jsonl", [json.dumps({"id": "a1", "text": text, "extra": 1})])
    out = tmp_path / "out.jsonl"
    assert main(["deid", str(src), str(out), "--quiet"]) == 0
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["id"] == "a1"
    assert set(row) == {"id", "redacted_text", "entities"}
    assert "Kamau" not in row["redacted_text"]
    spans = {text[e["start"] : e["end"]]: e["type"] for e in row["entities"]}
    assert spans == {"Kamau Mwangi": "PERSON", "5512345": "ID", "2024-01-03": "DATE"}
    assert all(isinstance(e["score"], float) for e in row["entities"])


def test_deid_reports_bad_lines_with_their_numbers_and_carries_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], deid: Deidentifier
) -> None:
    src = _write(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": 1, "text": "Dr. Halima Said saw her."}),
            "{not json",
            json.dumps({"id": 3}),
            json.dumps({"id": 4, "text": 42}),
            "",
            json.dumps(["a", "list"]),
            json.dumps({"id": 7, "text": "Call 0722 345 678."}),
        ],
    )
    out = tmp_path / "out.jsonl"
    assert main(["deid", str(src), str(out), "--quiet"]) == 0
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [1, 7]
    err = capsys.readouterr().err
    for lineno in (2, 3, 4, 6):
        assert f"line {lineno}:" in err
    assert "line 5:" not in err  # blank lines are not errors
    assert "line 1:" not in err
    assert "line 7:" not in err


def test_deid_shows_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], deid: Deidentifier
) -> None:
    src = _write(tmp_path / "in.jsonl", [json.dumps({"id": i, "text": "x"}) for i in range(3)])
    assert main(["deid", str(src), str(tmp_path / "out.jsonl")]) == 0
    assert capsys.readouterr().err == ""


def test_deid_with_a_key_file_is_reproducible(tmp_path: Path, deid: Deidentifier) -> None:
    key = tmp_path / "key"
    key.write_bytes(b"hub-secret")
    src = _write(tmp_path / "in.jsonl", [json.dumps({"id": "x", "text": "Seen 2024-01-03."})])
    outs = []
    for n in range(2):
        out = tmp_path / f"out{n}.jsonl"
        main(["deid", str(src), str(out), "--quiet", "--key-file", str(key)])
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert "2024-01-03" not in outs[0]


def test_deid_eval_prints_the_scorer_metrics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], deid: Deidentifier
) -> None:
    text = "Patient: Kamau Mwangi, seen 2024-01-03 for PSA 4.1."
    doc = {
        "id": "d",
        "text": text,
        "spans": [
            {"start": 9, "end": 21, "type": "PERSON"},
            {"start": 28, "end": 38, "type": "DATE"},
        ],
    }
    src = _write(tmp_path / "corpus.jsonl", [json.dumps(doc)])
    assert main(["deid-eval", str(src)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["recall"] == 1.0
    assert result["precision"] == 1.0
    assert result["docs_with_leak"] == 0
    assert result["recall_by_type"] == {"DATE": 1.0, "PERSON": 1.0}


@pytest.mark.skipif(
    shutil.which("echo-cases") is None and not Path(".venv/bin/echo-cases").exists(),
    reason="console script not installed",
)
def test_console_script_runs_end_to_end(tmp_path: Path) -> None:
    exe = shutil.which("echo-cases") or ".venv/bin/echo-cases"
    src = _write(
        tmp_path / "in.jsonl", ["oops", json.dumps({"id": 2, "text": "Mr. Otieno called."})]
    )
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [exe, "deid", str(src), str(out)], capture_output=True, text=True, check=False, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "line 1:" in proc.stderr
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "Otieno" not in row["redacted_text"]
