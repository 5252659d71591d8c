"""The Jinja environment every template runs in, cardgen's own and the user's alike: sandboxed,
because a workspace's templates may come from anyone.

A template sees the data it is given (the plan: text, numbers, lists, and the plan's own
objects with their fields and methods) and Jinja's helpers (``range``, ``loop``, macros,
``super()``, filters). It cannot reach an attribute starting with ``_``, a class or module, a
file path (a ``Path`` can read and write files), pydantic's machinery (``parse_file`` reads files),
or change a list or dict. It cannot make a string or list over a million items, a number over
100,000 bits, nor run longer than ``RENDER_SECONDS`` or use more than ``RENDER_MEMORY`` bytes.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from contextlib import contextmanager
from pathlib import Path, PurePath
from types import ModuleType

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from cardgen.errors import UserError

RENDER_SECONDS = 10.0
ALARM_REPEAT = 0.25
RENDER_MEMORY = 1024 * 1024 * 1024
MAX_ITEMS = 1_000_000
MAX_BITS = 100_000


class TemplateStopped(Exception):
    """A template ran past its time limit."""


class Sandbox(ImmutableSandboxedEnvironment):
    # Repetition and powers are checked before they run: "x" * 10**12 would take all memory at once.
    intercepted_binops = frozenset({"+", "*", "**"})

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.deadline = float("inf")

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        from pydantic import BaseModel

        if isinstance(obj, PurePath) or isinstance(value, (PurePath, ModuleType, type)):
            return False
        if isinstance(obj, BaseModel) and hasattr(BaseModel, attr):
            return False  # pydantic's own methods, not the model's fields
        return super().is_safe_attribute(obj, attr, value)

    def call(self, context, obj, /, *args, **kwargs):
        self.check_time()
        return super().call(context, obj, *args, **kwargs)

    def call_binop(self, context, operator: str, left, right):
        self.check_time()
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * left.bit_length() > MAX_BITS
        ):
            raise SecurityError(f"{left} ** {right} is too large a number for a template")
        if operator == "*" and isinstance(right, (str, list, tuple)):
            left, right = right, left
        if (
            operator == "*"
            and isinstance(left, (str, list, tuple))
            and isinstance(right, int)
            and len(left) * right > MAX_ITEMS
        ):
            raise SecurityError(f"a template may not repeat a {type(left).__name__} to over {MAX_ITEMS:,} items")
        if (
            operator == "+"
            and isinstance(left, (str, list, tuple))
            and isinstance(right, (str, list, tuple))
            and len(left) + len(right) > MAX_ITEMS
        ):
            raise SecurityError(f"a template may not make a {type(left).__name__} of over {MAX_ITEMS:,} items")
        return super().call_binop(context, operator, left, right)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateStopped()

    @contextmanager
    def limits(self):
        """Stop a render that runs past RENDER_SECONDS (an alarm where the platform has one and this
        is the main thread, and at every call a template makes) or grows past RENDER_MEMORY bytes."""
        seconds, memory = RENDER_SECONDS, RENDER_MEMORY
        self.deadline = time.monotonic() + seconds
        alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        if alarm:

            def stop(signum, frame):
                raise TemplateStopped()

            previous = signal.signal(signal.SIGALRM, stop)
            # Then again every quarter second: an exception raised while the garbage collector runs
            # a callback or a __del__ is swallowed, and the render would go on.
            signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT)
        try:
            with _memory_limit(memory):
                yield
        finally:
            self.deadline = float("inf")
            if alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_limit(extra: int):
    """Let the process grow by at most ``extra`` bytes of address space (on Linux; elsewhere no limit)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    limit = used + extra
    if soft != resource.RLIM_INFINITY and soft <= limit or hard != resource.RLIM_INFINITY and hard < limit:
        yield  # already limited more tightly
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def template_problem(error: BaseException, user_templates: Path | None = None) -> UserError | None:
    """``error``, raised while a template ran, as a message that says where in which template
    (the user's, when theirs took part); None when it isn't the template's doing."""
    if isinstance(error, TemplateStopped):
        reason = f"the template ran for more than {RENDER_SECONDS:g} s and was stopped (a loop that never ends?)"
    elif isinstance(error, MemoryError):
        reason = f"the template used more than {RENDER_MEMORY // 2**20} MB of memory and was stopped"
    elif isinstance(error, RecursionError):
        reason = "templates include or extend each other without end"
    elif isinstance(error, SecurityError):
        reason = f"not allowed in a template: {error}"
    elif isinstance(error, jinja2.TemplateError):
        reason = f"template problem ({type(error).__name__}): {error.message or error}"
    elif (
        isinstance(error, (ArithmeticError, LookupError, TypeError, ValueError)) and _innermost_template_frame(error)[0]
    ):
        reason = f"template problem ({type(error).__name__}): {error}"  # 1 / 0, range(10**9)…
    else:
        return None
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not (filename and line):
        # Endless inclusion: where the limit happens to be reached depends on how deep the stack
        # was before the templates ran, so say where the loop starts, the same each time.
        outermost = isinstance(error, RecursionError)
        filename, line = _innermost_template_frame(error, user_templates, outermost)
    return UserError(f"{_shown(filename)}:{line}: {reason}" if filename and line else reason)


def _innermost_template_frame(
    error: BaseException, user_templates: Path | None = None, outermost: bool = False
) -> tuple[str | None, int | None]:
    """Jinja rewrites a template's frames to carry its file and line: the last of them is where it
    went wrong, and the last in the user's own templates is what they can change (with
    ``outermost``, the first of each)."""
    found: tuple[str | None, int | None] = (None, None)
    mine = found
    root = user_templates.resolve() if user_templates else None
    for frame in traceback.extract_tb(error.__traceback__):
        if not frame.filename.endswith(".py") and not frame.filename.startswith("<"):
            if not (outermost and found[0]):
                found = (frame.filename, frame.lineno)
            if root and Path(frame.filename).resolve().is_relative_to(root) and not (outermost and mine[0]):
                mine = (frame.filename, frame.lineno)
    return mine if mine[0] else found


def _shown(filename: str) -> str:
    """A template's path as the user would type it: relative to the current folder when inside it."""
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
