"""Rendering: finished plans into HTML through the templates, everything the user typed escaped.
(The sandbox that runs the user's own templates is tested in test_sandbox.py.)"""

from dataclasses import replace

from cardgen import bundled
from cardgen.catalogue import load_catalogue
from cardgen.fitting import CardFace, cards_for, faces_of
from cardgen.log import plan_log
from cardgen.paper import card_size, paper_page
from cardgen.plan import Sheet, plan_routine
from cardgen.render import Renderer, css_text

CATALOGUE = load_catalogue(bundled("catalogue"))
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def test_a_sheet_shows_what_the_plan_settled():
    plan = plan_routine(CATALOGUE, "cadence")
    html = Renderer().sheets([Sheet(plan, plan_log(plan, 6))], paper_page("letter"))
    assert html.count('class="sheet-doc') == 1
    assert "<title>Cadence</title>" in html and "215.9mm 279.4mm" in html
    for step in plan.steps:
        assert step.name in html and (step.dose_text is None or step.dose_text in html), step.id
    assert "Week 6" in html and "Week 7" not in html


def test_cards_carry_the_anchors_their_faces_are_measured_by():
    plans = [plan_routine(CATALOGUE, "cadence"), plan_routine(CATALOGUE, "stride-power")]
    steps = plans[1].steps
    cards = [*cards_for(plans[0], [plans[0].steps], 0, 22), *cards_for(plans[1], [steps[:3], steps[3:]], 1, 22)]
    size = card_size("a7")
    html = Renderer().cards(faces_of(cards, backs=False), size, size.height)
    assert [html.count(f'id="face-{i}"') for i in range(4)] == [1, 1, 1, 0]
    assert [html.count(f'id="end-{i}"') for i in range(4)] == [1, 1, 1, 0]
    assert html.count('id="step-0-') == len(plans[0].steps) and html.count('id="step-2-') == len(steps) - 3
    assert "<title>Routines</title>" in html and "card 1/2" in html and "card 2/2" in html


def test_what_the_user_typed_is_text_never_markup():
    plan = replace(plan_routine(CATALOGUE, "cadence"), runner=HOSTILE, notes=HOSTILE)
    size = card_size("a6")
    html = Renderer().cards(faces_of([CardFace(plan)], backs=True), size, size.height, backs=True)
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert (
        html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;") >= 2
    )  # name and notes


def test_a_stylesheet_cannot_end_its_style_element(tmp_path):
    css = tmp_path / "theme.css"
    css.write_text("h1 { color: red; } </style><script>alert(1)</script>", encoding="utf-8")
    assert str(css_text(css)) == "h1 { color: red; } <\\/style><script>alert(1)<\\/script>"
