"""Print a recommendation letter as a PDF, with a font that covers the world's names."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from echo_cases.letters.content import DISCLAIMER, LetterContent

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
INK = (27, 27, 27)
ACCENT = (11, 83, 148)


class _LetterPDF(FPDF):
    def __init__(self, content: LetterContent) -> None:
        super().__init__(format="A4")
        self.content = content
        # DejaVu Sans covers Latin, Greek, Cyrillic and more: panel names from anywhere print.
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=22)
        self.set_margins(20, 18, 20)
        self.set_title(f"ECHO recommendations, case {content.case_id}")
        self.set_author(content.hub_name)
        self.set_creator("echo-cases")

    def header(self) -> None:
        self.set_font(FAMILY, "B", 15)
        self.set_text_color(*ACCENT)
        self.cell(0, 8, self.content.hub_name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.content.letterhead:
            self.set_font(FAMILY, "", 8.5)
            self.set_text_color(*INK)
            self.multi_cell(0, 4.2, self.content.letterhead, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*ACCENT)
        self.line(self.l_margin, self.get_y() + 2, self.w - self.r_margin, self.get_y() + 2)
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"Case {self.content.case_id} · page {self.page_no()}/{{nb}} · "
                        "contains no identified patient information", align="C")


def render_letter(content: LetterContent) -> bytes:
    """To whom, the question and the panel's answer first; the case they answer after."""
    pdf = _LetterPDF(content)
    pdf.add_page()
    _heading(pdf, "Recommendations from the ECHO panel")
    _pairs(pdf, [*([("To", content.addressee)] if content.addressee else []),
                 ("Program", content.program), ("Case", str(content.case_id)),
                 ("Presented", content.session_label), ("Issued", content.issued_on)])
    if content.dates_note:
        pdf.ln(1)
        pdf.set_font(FAMILY, "", 9.5)
        pdf.multi_cell(0, 5, content.dates_note, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _section(pdf, "Your question for the panel", content.question)
    _heading(pdf, "Recommendations", size=11)
    for number, item in enumerate(content.items, start=1):
        pdf.set_font(FAMILY, "B", 10)
        pdf.multi_cell(0, 5.2, f"{number}. {item.recommendation}",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "", 9.5)
        if item.rationale:
            pdf.multi_cell(0, 5, f"Rationale: {item.rationale}", new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)
        if item.reference:
            pdf.multi_cell(0, 5, f"Reference: {item.reference}", new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)
        pdf.ln(1.5)
    _section(pdf, "Summary of the discussion", content.discussion)
    if content.summary:
        _heading(pdf, "Case summary (de-identified)", size=11)
        _pairs(pdf, content.summary)
    if content.panel:
        _section(pdf, "Panel", ", ".join(content.panel))
    _section(pdf, "Signed off by", content.signed_by)
    pdf.ln(2)
    pdf.set_font(FAMILY, "", 8)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(0, 4.2, DISCLAIMER, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, size: float = 13) -> None:
    pdf.ln(2)
    pdf.set_font(FAMILY, "B", size)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)


def _section(pdf: FPDF, title: str, body: str) -> None:
    if not body.strip():
        return
    _heading(pdf, title, size=11)
    pdf.set_font(FAMILY, "", 10)
    pdf.multi_cell(0, 5.2, body, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


LABEL_WIDTH = 42


def _pairs(pdf: FPDF, pairs: list[tuple[str, str]]) -> None:
    """Label and value side by side; a label too long for its column gets its own line."""
    for label, value in pairs:
        pdf.set_font(FAMILY, "B", 9.5)
        if pdf.get_string_width(label) > LABEL_WIDTH - 2:
            pdf.multi_cell(0, 5.2, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_x(pdf.l_margin + LABEL_WIDTH)
        else:
            pdf.cell(LABEL_WIDTH, 5.2, label)
        pdf.set_font(FAMILY, "", 9.5)
        pdf.multi_cell(0, 5.2, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
