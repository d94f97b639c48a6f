"""Print a CME/CE certificate: the hub's letterhead, who, which session, when, how many
hours, the accrediting body's statement and the code that verifies it. No case content:
it is built from the session's title and the participant alone."""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from echo_cases.letters.pdf import ACCENT, FAMILY, FONTS, INK


@dataclass(frozen=True)
class CertificateContent:
    hub_name: str
    letterhead: str
    name: str
    session_title: str
    session_date: str
    hours: str  # "1.5 hours"
    statement: str
    code: str
    verify_url: str


@dataclass(frozen=True)
class TranscriptLine:
    session_date: str
    session_title: str
    hours: str
    code: str


def _pdf(hub_name: str, letterhead: str, title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 18, 20)
    pdf.set_title(title)
    pdf.set_author(hub_name)
    pdf.set_creator("echo-cases")
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 15)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 8, hub_name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if letterhead:
        pdf.set_font(FAMILY, "", 8.5)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 4.2, letterhead, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*ACCENT)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.ln(10)
    return pdf


def _centred(pdf: FPDF, text: str, size: float, bold: bool = False, height: float = 8) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.multi_cell(0, height, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_certificate(content: CertificateContent) -> bytes:
    pdf = _pdf(content.hub_name, content.letterhead, "Certificate of participation")
    pdf.set_text_color(*ACCENT)
    _centred(pdf, "Certificate of participation", 22, bold=True, height=12)
    pdf.set_text_color(*INK)
    pdf.ln(6)
    _centred(pdf, "This certifies that", 11)
    _centred(pdf, content.name, 18, bold=True, height=11)
    _centred(pdf, "took part in the teleECHO session", 11)
    _centred(pdf, content.session_title, 13, bold=True)
    _centred(pdf, f"held on {content.session_date}", 11)
    pdf.ln(4)
    _centred(pdf, f"Credit: {content.hours}", 13, bold=True)
    if content.statement:
        pdf.ln(6)
        pdf.set_font(FAMILY, "", 9.5)
        pdf.multi_cell(0, 5, content.statement, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(10)
    pdf.set_font(FAMILY, "", 9)
    pdf.multi_cell(0, 5, f"Verification code: {content.code}\n"
                         f"Check this certificate at {content.verify_url}",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def render_transcript(hub_name: str, name: str, period: str,
                      lines: list[TranscriptLine], total: str) -> bytes:
    pdf = _pdf(hub_name, "", "Transcript of credits")
    pdf.set_text_color(*ACCENT)
    _centred(pdf, "Transcript of CME/CE credits", 16, bold=True)
    pdf.set_text_color(*INK)
    _centred(pdf, f"{name} · {period}", 11)
    pdf.ln(4)
    widths = (34, 84, 14, 38)
    pdf.set_font(FAMILY, "B", 9)
    for width, label in zip(widths, ("Date", "Session", "Hours", "Code"), strict=True):
        pdf.cell(width, 6, label)
    pdf.ln(6)
    pdf.set_font(FAMILY, "", 8.5)
    for line in lines:
        values = (line.session_date, line.session_title, line.hours, line.code)
        for width, value in zip(widths, values, strict=True):
            pdf.cell(width, 5.5, value[:56] if width > 80 else value)
        pdf.ln(5.5)
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", 10)
    pdf.cell(0, 6, f"Total: {total} hours")
    return bytes(pdf.output())
