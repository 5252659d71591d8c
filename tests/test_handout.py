"""The team handout, read back: cover, routines, every exercise with its code, theory, who does what."""

from pathlib import Path

from pdfread import flat_text, pages, qr_codes

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.qr import video_link

ROSTER = Path(__file__).parent / "data" / "roster.yaml"


def test_handout(run):
    result = run("handout", ROSTER, "-o", "handout.pdf")
    assert result.exit_code == 0, result.stderr
    pdf = Path("handout.pdf")
    facts = pages(pdf)
    assert all((round(p.width_mm), round(p.height_mm)) == (210, 297) for p in facts)
    cover = facts[0].text
    assert "Riverside Harriers" in cover and "Head Coach" in cover and "7 December 2026" in cover
    text = flat_text(pdf)
    assert "Cadence" in text and "Sample training for runners" in text
    assert "Further watching" in text and "髂腰肌" in text
    catalogue = load_catalogue(bundled("catalogue"))
    expected = {
        video_link(e.video.url, e.video.start)
        for e in catalogue.exercises.values()
        if e.video and e.id != "side-plank-abductor-hold"
    }
    expected |= {video_link(link.url) for link in catalogue.theory.further_watching}
    assert {c.text for c in qr_codes(pdf)} == expected


def test_handout_table_matches_the_roster(run):
    assert run("handout", ROSTER, "-o", "handout.pdf").exit_code == 0
    table = " ".join(pages(Path("handout.pdf"))[-1].text.split())
    assert table.index("Runner One") < table.index("李小龙") < table.index("Zoë Ångström") < table.index("A/B Test")
    for fact in [
        "Single-leg deadlift: 4 sets × 12",
        "Glute bridge: 20 kg",
        "Nordic hamstring curl",
        "Rope jump",
        "heel",
        "Squat: 30 kg",
        "Calf raise: 12.5 kg",
        "Squat: 4 sets × 8–10",
        "Lunge circuit",
        "Toe raise",
    ]:
        assert fact in table, fact
