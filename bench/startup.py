"""Start-up: process start to the reader's first paint, against a bare Textual app.

Two measurements; in each, the two apps run in fresh processes, alternating, in one run:

* headless, in-process: `python -c` builds the app, runs it headless (140x40) until its
  first frame is painted, and exits. What the UI costs once Python is up; it does not go
  through the `dwibahasa` command, so it misses the command line's own imports.
* console, the path users take: a shell in a tmux pane of 140x40 runs `python bare.py`
  (a bare Textual app, one Static) and `dwibahasa --db LIBRARY read DOC`, each timed from
  Enter to the first `tmux capture-pane` that shows its known text (the Static's text; the
  first words of DOC's first paragraph), polled every few ms through a tmux control client
  (no process per poll): what a user sees. Each app is then quit with ctrl+q and the
  shell's prompt awaited before the next run. The library is prepared beforehand, so the
  bundled texts' import is not measured.

Both use this interpreter (`sys.executable`, and the `dwibahasa` script beside it), with a
scratch HOME, XDG folders and library: the user's own library is never touched.
Target: ratio reader / bare <= 1.5 (the issue's figure is the console one).

    python bench/startup.py [--runs N] [--doc SLUG] [--headless-only | --console-only]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import scratch_dir, summary

ROOT = Path(__file__).resolve().parent.parent
SIZE = (140, 40)
TARGET = 1.5

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Dwibahasa")

async def paint_then_exit(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, size=(140, 40), auto_pilot=paint_then_exit)
"""

READER_APP = """
import sys
from pathlib import Path
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.parallel_text import ParallelText

service = ReadingService.open(Path(sys.argv[1]))
app = make_app(service, document=service.resolve(sys.argv[2]), at=1)

async def paint_then_exit(pilot):
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    assert pilot.app.screen.query_one(ParallelText).layout_geometry is not None
    pilot.app.exit()

app.run(headless=True, size=(140, 40), auto_pilot=paint_then_exit)
"""

BARE_TEXT = "A bare Textual app, first frame"

BARE_CONSOLE_APP = f"""from textual.app import App
from textual.widgets import Static


class Bare(App[None]):
    def compose(self):
        yield Static({BARE_TEXT!r})


Bare().run()
"""

# Settings from the caller's environment that would change what is measured.
DROPPED_ENV = {
    "PYTHONDONTWRITEBYTECODE",  # any value, even "0", stops .pyc files being written
    "PYTHONSTARTUP",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONDEVMODE",
    "PYTHONTRACEMALLOC",
    "PYTHONASYNCIODEBUG",
    "LANGUAGE",
    "PROMPT_COMMAND",
    "BASH_ENV",
    "ENV",
    "COLUMNS",
    "LINES",
}
DROPPED_PREFIXES = ("LC_", "XDG_", "TMUX", "TEXTUAL", "DWIBAHASA_")


class BenchError(RuntimeError):
    """The measurement could not be made; the message says why."""


def isolated_env(folder: Path) -> dict[str, str]:
    """This environment with HOME, the XDG folders and the library in `folder`, English UI."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in DROPPED_ENV and not name.startswith(DROPPED_PREFIXES)
    }
    home = folder / "home"
    folders = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_CACHE_HOME": home / ".cache",
    }
    for path in folders.values():
        path.mkdir(parents=True, exist_ok=True)
    env.update({name: str(path) for name, path in folders.items()})
    env.update(
        DWIBAHASA_DB=str(folder / "library.db"),
        DWIBAHASA_UI_LANG="en",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    return env


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchError(f"{args[:2]} failed ({result.returncode}):\n{result.stderr.strip()}")
    return elapsed


def print_figures(
    bare: list[float],
    reader: list[float],
    names: tuple[str, str],
    extra: tuple[tuple[str, str], ...] = (),
) -> None:
    bare_median, reader_median = statistics.median(bare), statistics.median(reader)
    pairs = statistics.median(r / b for r, b in zip(reader, bare, strict=True))
    rows = [
        (names[0], summary(bare)),
        (names[1], summary(reader)),
        ("ratio reader / bare", f"{reader_median / bare_median:7.2f}   (target <= {TARGET})"),
        ("median ratio of the pairs", f"{pairs:7.2f}"),
        *extra,
    ]
    width = max(len(label) for label, _ in rows)
    for label, figure in rows:
        print(f"  {label:<{width}} : {figure}")


def headless(runs: int, doc: str, folder: Path, env: dict[str, str]) -> None:
    """Both apps in `python -c`, headless, exiting once their first frame is painted."""
    db = str(folder / "library.db")
    python = sys.executable
    first_run = timed([python, "-c", READER_APP, db, doc], env)  # may import the texts
    timed([python, "-c", BARE_APP], env)  # warm the OS file cache for both

    bare, reader = [], []
    for _ in range(runs):
        bare.append(timed([python, "-c", BARE_APP], env))
        reader.append(timed([python, "-c", READER_APP, db, doc], env))
    width, height = SIZE
    print(
        f"headless, in-process (python -c, run(headless=True)), {width}x{height}, "
        f"document {doc}: {runs} runs each, alternating"
    )
    first = ("first run, new library", f"{first_run * 1000:7.1f} ms (imports the bundled texts)")
    print_figures(
        bare, reader, ("bare Textual app, one Static", "dwibahasa reader, first paint"), (first,)
    )


def first_words(doc: str, count: int = 5) -> str:
    """The first words of the first paragraph (not a heading) of a bundled document."""
    source = ROOT / "texts" / f"{doc}.id.md"
    if not source.is_file():
        raise BenchError(f"{source} not found: give the text to wait for with --text")
    text = source.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[-1]
    for block in text.split("\n\n"):
        words = block.split()
        if words and not block.lstrip().startswith("#"):
            return " ".join(words[:count])
    raise BenchError(f"{source} has no paragraph: give the text to wait for with --text")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def descendants(root: int) -> list[int]:
    """`root` and every process below it (Linux /proc), parents first."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop(0)
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


class ControlClient:
    """`tmux -C`: commands down one pipe and their output back, with no process per command.

    A capture-pane this way takes well under a millisecond, against several for a new
    `tmux` process each time, so polling barely loads the machine it measures.
    """

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.lines: queue.Queue[bytes | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _next_line(self, deadline: float, command: str) -> bytes:
        try:
            line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise BenchError(f"tmux did not answer {command!r} in time") from None
        if line is None:
            raise BenchError(f"the tmux control client ended before answering {command!r}")
        return line

    def command(self, command: str, timeout: float = 10.0) -> str:
        """Run one tmux command (tmux's own quoting); its output. Notifications are skipped."""
        assert self.process.stdin is not None
        self.process.stdin.write(command.encode() + b"\n")
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout
        while True:  # "%begin TIME NUMBER 1": the answer to a command of this client
            begin = self._next_line(deadline, command).split()
            if begin[:1] == [b"%begin"] and begin[3:4] == [b"1"]:
                break
        output: list[bytes] = []
        while True:
            line = self._next_line(deadline, command)
            fields = line.split()
            if fields[:1] in ([b"%end"], [b"%error"]) and fields[1:3] == begin[1:3]:
                text = b"".join(output).decode("utf-8", errors="replace")
                if fields[0] == b"%error":
                    raise BenchError(f"tmux {command!r} failed: {text.strip()}")
                return text
            output.append(line)

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Terminal:
    """A private tmux server (own socket, no config) with one bash pane of a fixed size."""

    PROMPT = "<bench \\#>$ "  # bash numbers its commands: the prompt after each is new
    PROMPT_PATTERN = re.compile(r"<bench (\d+)>\$")

    def __init__(self, folder: Path, env: dict[str, str], size: tuple[int, int]) -> None:
        self.folder = folder
        self.socket = folder / "tmux.sock"
        self.env = {**env, "PS1": self.PROMPT}
        self.size = size
        self.pane = ""
        self.server_pid: int | None = None
        self.control: ControlClient | None = None
        self.command = 0  # the number in the prompt now on screen
        self.capture_seconds: list[float] = []

    def tmux(self, *args: str, timeout: float = 10.0) -> str:
        try:
            result = subprocess.run(
                ["tmux", "-S", str(self.socket), *args],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as error:
            raise BenchError(f"tmux {args[0]} did not answer within {timeout:g} s") from error
        if result.returncode != 0:
            raise BenchError(f"tmux {shlex.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def __enter__(self) -> Terminal:
        width, height = self.size
        try:
            self.tmux(
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "bench",
                "-x",
                str(width),
                "-y",
                str(height),
                "-c",
                str(self.folder),
                "bash",
                "--norc",
                "--noprofile",
                "-i",
            )
            self.server_pid = int(self.tmux("display-message", "-p", "#{pid}"))
            self.tmux("set-option", "-g", "status", "off")
            self.tmux("set-option", "-g", "window-size", "manual")  # no client resizes it
            self.pane = self.tmux("display-message", "-p", "#{pane_id}").strip()
            self.control = ControlClient(
                ["tmux", "-S", str(self.socket), "-C", "attach-session", "-f", "no-output"],
                self.env,
            )
            shape = self.control.command(
                f"display-message -p -t {self.pane} '#{{pane_width}}x#{{pane_height}}'"
            ).strip()
            if shape != f"{width}x{height}":
                raise BenchError(f"the tmux pane is {shape}, not {width}x{height}")
            screen = self.wait_until(self.PROMPT_PATTERN.search, "the shell's first prompt", 10)
            self.command = max(int(n) for n in self.PROMPT_PATTERN.findall(screen))
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the server, then whatever it started that is still running."""
        pids = descendants(self.server_pid) if self.server_pid else []
        with contextlib.suppress(BenchError):
            self.tmux("kill-server", timeout=5)
        if self.control is not None:
            self.control.close()
        deadline = time.monotonic() + 3
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in pids:
            if _alive(pid):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
        self.socket.unlink(missing_ok=True)

    def keys(self, *keys: str) -> None:
        assert self.control is not None
        self.control.command(f"send-keys -t {self.pane} {' '.join(keys)}")

    def screen(self, *, join: bool = False) -> str:
        """The pane's visible text, as `tmux capture-pane -p` shows it (-J: wrapped joined)."""
        assert self.control is not None
        return self.control.command(f"capture-pane -p {'-J ' if join else ''}-t {self.pane}")

    def wait_until(self, test: Callable[[str], object], what: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen(join=True)
            if test(screen):
                return screen
            if time.monotonic() > deadline:
                raise BenchError(
                    f"{what}: not on screen after {timeout:g} s; the screen shows:\n"
                    + screen.rstrip()
                )
            time.sleep(0.01)

    def time_to_text(self, command: str, text: str, *, poll: float, timeout: float) -> float:
        """Type `command`, press Enter, time until `text` shows; quit; await the prompt."""
        self.tmux("send-keys", "-t", self.pane, "-l", command)  # no tmux quoting needed here
        self.wait_until(lambda screen: command in screen, f"the typed command {command!r}", 10)
        next_prompt = f"<bench {self.command + 1}>$"
        start = time.perf_counter()
        self.keys("Enter")
        while True:
            before = time.perf_counter()
            screen = self.screen()
            now = time.perf_counter()
            self.capture_seconds.append(now - before)
            if text in screen:
                elapsed = now - start
                break
            if next_prompt in screen:
                raise BenchError(f"{command!r} ended without showing {text!r}:\n{screen.rstrip()}")
            if now - start > timeout:
                raise BenchError(
                    f"{command!r} did not show {text!r} within {timeout:g} s; the screen shows:\n"
                    + screen.rstrip()
                )
            time.sleep(poll)
        self.keys("C-q")
        self.wait_until(
            lambda screen: next_prompt in screen,
            f"the shell's prompt after ctrl+q quit {command!r}",
            timeout,
        )
        self.command += 1
        return elapsed


def console(
    runs: int,
    doc: str,
    folder: Path,
    env: dict[str, str],
    *,
    text: str | None,
    poll: float,
    timeout: float,
) -> None:
    """Both apps from a shell in tmux, timed from Enter until their text is on screen."""
    for tool in ("tmux", "bash"):
        if shutil.which(tool, path=env.get("PATH")) is None:
            raise BenchError(f"the console measurement needs {tool}, which is not installed")
    python = sys.executable
    dwibahasa = Path(python).with_name("dwibahasa")  # the console script of this environment
    if not dwibahasa.is_file():
        raise BenchError(f"{dwibahasa} not found: install the project into this environment")
    reader_text = text or first_words(doc)
    (folder / "bare.py").write_text(BARE_CONSOLE_APP, encoding="utf-8")
    library = folder / "library.db"
    prepared = subprocess.run(  # imports the bundled texts now, not in a measured run
        [str(dwibahasa), "--db", str(library), "list"],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if prepared.returncode != 0 or doc not in prepared.stdout:
        raise BenchError(
            f"could not prepare the library with {doc!r} ({prepared.returncode}):\n"
            + (prepared.stderr or prepared.stdout).strip()
        )
    commands = {
        "bare": (f"{shlex.quote(python)} bare.py", BARE_TEXT),
        "reader": (f"{shlex.quote(str(dwibahasa))} --db library.db read {doc}", reader_text),
    }
    times: dict[str, list[float]] = {"bare": [], "reader": []}
    with Terminal(folder, env, SIZE) as terminal:
        for name in ("bare", "reader"):  # warm up: .pyc files, the OS file cache
            terminal.time_to_text(*commands[name], poll=poll, timeout=timeout)
        terminal.capture_seconds.clear()
        for _ in range(runs):
            for name in ("bare", "reader"):
                times[name].append(
                    terminal.time_to_text(*commands[name], poll=poll, timeout=timeout)
                )
        capture_ms = statistics.median(terminal.capture_seconds) * 1000
    width, height = SIZE
    print(
        f"console, the path users take: tmux {width}x{height}, bash, "
        f"{runs} runs each, alternating (after one warm-up each)"
    )
    print(
        f"  Enter -> text on screen, capture-pane every {poll * 1000:g} ms "
        f"(one capture takes {capture_ms:.1f} ms)"
    )
    print(f"  bare   : {commands['bare'][0]}   waits for {BARE_TEXT!r}")
    print(f"  reader : {commands['reader'][0]}   waits for {reader_text!r}")
    print_figures(times["bare"], times["reader"], ("python bare.py", "dwibahasa read DOC"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each app (default 9)")
    parser.add_argument("--doc", default="aliansi-strategis-korea-as", help="bundled document")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--headless-only", action="store_true", help="skip the console path")
    only.add_argument("--console-only", action="store_true", help="skip the headless runs")
    parser.add_argument(
        "--text", help="console: the reader's text to wait for (default: DOC's first words)"
    )
    parser.add_argument("--poll-ms", type=float, default=5.0, help="console: poll interval")
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="console: seconds to wait for each screen"
    )
    options = parser.parse_args()
    if options.runs < 1:
        parser.error("--runs must be at least 1")

    # A terminated benchmark still stops its tmux server and apps (the `finally`s below).
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda signum, frame: sys.exit(128 + signum))
    folder = scratch_dir()
    try:
        env = isolated_env(folder)
        if not options.console_only:
            headless(options.runs, options.doc, folder, env)
        if not options.headless_only:
            console(
                options.runs,
                options.doc,
                folder,
                env,
                text=options.text,
                poll=options.poll_ms / 1000,
                timeout=options.timeout,
            )
    except BenchError as error:
        sys.exit(f"startup.py: error: {error}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
