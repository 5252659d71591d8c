"""Templates run sandboxed: the well-known Jinja escapes fail with a located error and run nothing;
templates that never end, include themselves or eat memory are stopped."""

import signal
import time
from pathlib import Path

import pytest
from jinja2.sandbox import SecurityError

from cardgen import sandbox
from cardgen.render import Renderer
from cardgen.sandbox import TemplateStopped

# Each would create the marker file if it got out. From the usual lists of Jinja SSTI payloads
# (PayloadsAllTheThings, HackTricks), written to touch a file instead of opening a shell.
TOUCH = "touch MARKER"
ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('TOUCH').read() }}",
    "{{ joiner.__init__.__globals__.os.popen('TOUCH').read() }}",
    "{{ namespace.__init__.__globals__.os.popen('TOUCH').read() }}",
    "{{ lipsum.__globals__['os'].popen('TOUCH').read() }}",
    "{{ lipsum.__globals__.__builtins__.__import__('os').popen('TOUCH').read() }}",
    "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('TOUCH').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('TOUCH').read() }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{% if c.__name__ == 'catch_warnings' %}"
    "{{ c()._module.__builtins__['__import__']('os').popen('TOUCH').read() }}{% endif %}{% endfor %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f')|attr('\\x5f\\x5fbase\\x5f\\x5f')"
    "|attr('\\x5f\\x5fsubclasses\\x5f\\x5f')() }}",
    "{{ lipsum|attr('__globals__')|attr('__getitem__')('os')|attr('popen')('TOUCH')|attr('read')() }}",
    "{{ cycler|attr(['_'*2, 'init', '_'*2]|join)|attr(['_'*2, 'globals', '_'*2]|join) }}",
    "{{ '{0.__class__.__mro__}'.format(plan) }}",
    "{{ '%s'|format(plan.__class__) }}{{ plan.steps[0].watch.width_mm.__func__.__globals__ }}",
    "{{ dict.mro()[-1].__subclasses__() }}",
    "{{ plan.theory.parse_file('/etc/passwd') }}",
    "{{ plan.steps.append(1) }}",
    "{{ self.__dict__ }}",
    "{{ config.__class__.__init__.__globals__['os'].popen('TOUCH') }}",
    "{{ request.application.__globals__.__builtins__.__import__('os').popen('TOUCH').read() }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../etc/passwd' %}",
]


def card_template(folder: Path, line_3: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "card.html").write_text(
        '{% extends "default/card.html" %}\n{% block card_header %}\n' + line_3 + "\n{% endblock %}\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("payload", ESCAPES)
def test_template_escapes_fail_with_a_located_error_and_run_nothing(run, tmp_path, payload):
    marker = tmp_path / "escaped"
    mine = card_template(tmp_path / "mine", payload.replace("TOUCH", f"touch {marker}"))
    result = run("card", "cadence", "--templates", mine, "-o", "card.pdf")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: mine/card.html:3: "), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not marker.exists()
    assert not Path("card.pdf").exists()


def test_the_sandbox_refuses_paths_and_what_they_could_do(tmp_path):
    marker = tmp_path / "written"
    for template in ("{{ p.write_text('x') }}", "{{ p.read_text() }}", "{{ p.parent }}", "{{ holder.p }}"):
        with pytest.raises(SecurityError):
            Renderer().environment.from_string(template).render(p=marker, holder=type("Holder", (), {"p": marker})())
    assert not marker.exists()


@pytest.mark.parametrize(
    "template, message",
    [
        ("{{ 'x' * 10**9 }}", "may not repeat a str to over 1,000,000 items"),
        ("{{ [0] * 10**7 }}", "may not repeat a list"),
        ("{{ 2 ** 100000000 }}", "too large a number"),
        ("{% set ns = namespace(s='x' * 999999) %}{% set ns.s = ns.s + ns.s %}", "may not make a str"),
    ],
)
def test_templates_may_not_make_giant_values(template, message):
    with pytest.raises(SecurityError, match=message):
        Renderer().environment.from_string(template).render()


@pytest.mark.parametrize(
    "line_3, message",
    [
        ("{% for a in range(10**9) %}{% endfor %}", "Range too big"),
        (
            "{% for a in range(99999) %}{% for b in range(99999) %}{% for c in range(99999) %}"
            "{% endfor %}{% endfor %}{% endfor %}",
            "ran for more than 1 s and was stopped",
        ),
        (
            "{% for a in 'x' * 99999 %}{% for b in 'x' * 99999 %}{{ b }}{% endfor %}{% endfor %}",
            "ran for more than 1 s",
        ),
        (
            "{% set ns = namespace(s='x') %}"
            "{% for i in range(40) %}{% set ns.s = [ns.s, ns.s]|join %}{% endfor %}{{ ns.s|length }}",
            "used more than",
        ),
        ('{% include "card.html" %}', "templates include or extend each other without end"),
    ],
)
def test_templates_that_never_end_are_stopped(run, tmp_path, monkeypatch, line_3, message):
    # The memory case gets the time to reach its limit even on a busy machine.
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 30.0 if "used more" in message else 1.0)
    monkeypatch.setattr(sandbox, "RENDER_MEMORY", 300 * 2**20)
    mine = card_template(tmp_path / "mine", line_3)
    result = run("card", "cadence", "--templates", mine, "-o", "card.pdf")
    assert result.exit_code == 1, result.output
    # Endless inclusion is found at the innermost level, on the extends line of the same file.
    assert result.stderr.startswith(
        "Error: mine/card.html:1: " if "include" in line_3 else "Error: mine/card.html:3: "
    ), result.stderr
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not Path("card.pdf").exists()


def test_a_template_that_extends_itself(run, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "card.html").write_text('{% extends "card.html" %}\n', encoding="utf-8")
    result = run("card", "cadence", "--templates", mine, "-o", "card.pdf")
    assert result.exit_code == 1 and result.stderr.startswith("Error: mine/card.html:1: templates include or extend"), (
        result.stderr
    )


def test_a_template_linked_from_outside_the_folder_is_not_read(run, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    mine = card_template(tmp_path / "mine", '{% include "notes.html" %}')
    (mine / "notes.html").symlink_to(secret)
    result = run("card", "cadence", "--templates", mine, "-o", "card.pdf")
    assert result.exit_code == 1 and "notes.html" in result.stderr and "the secret" not in result.output


def test_legitimate_templates_still_work_within_the_limits():
    """Macros, filters, loops, namespaces and method calls on the data all still run."""
    template = (
        "{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{% set ns = namespace(n=0) %}"
        "{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}"
        "{{ twice(ns.n) }} {{ words|join(', ')|upper }} {{ 'ab' * 3 }}"
    )
    assert Renderer().environment.from_string(template).render(words=["a", "b"]) == "33 A, B ababab"


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="stopped by an alarm where the platform has one")
def test_a_stop_that_is_swallowed_comes_again(monkeypatch):
    """An exception raised while the garbage collector runs a callback or a __del__ is lost: the
    render must still be stopped (this made test_templates_that_never_end_are_stopped flaky)."""
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.2)
    started = time.monotonic()
    with pytest.raises(TemplateStopped), Renderer().environment.limits():
        try:
            time.sleep(5)
        except TemplateStopped:
            pass  # swallowed, as in a garbage collector's callback
        time.sleep(5)
    assert time.monotonic() - started < 2
