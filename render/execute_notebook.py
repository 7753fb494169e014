"""Execute one notebook on the project's tslab kernel with nbclient.

Run with Debian's /usr/bin/python3 (the one that has nbclient). render/execute.ts drives it and reads the
JSON-lines events this script prints on stdout; anything else the kernel says goes to stderr.

Events: {"event": "start", "cells": N}, {"event": "cell", "index": i, "code": bool},
{"event": "cell_done", "index": i, "seconds": s}, {"event": "progress", "index": i, "text": line},
{"event": "done", "seconds": s},
{"event": "error", "kind": ..., "message": ..., ...}. Exit status 0 on success, 1 on a reported error.
"""

import argparse
import json
import math
import os
import re
import signal
import sys
import threading
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def emit(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def progress_client(base):
    """NotebookClient that also forwards each stderr line of the running cell as a "progress" event,
    so a cell that trains for minutes shows its epochs instead of sitting on one line."""

    class ProgressClient(base):
        def output(self, outs, msg, display_id, cell_index):
            content = msg.get("content", {})
            if msg.get("msg_type") == "stream" and content.get("name") == "stderr":
                for line in ANSI.sub("", content.get("text", "")).replace("\r", "\n").splitlines():
                    if line.strip():
                        emit(event="progress", index=cell_index, text=line.strip())
            return super().output(outs, msg, display_id, cell_index)

    return ProgressClient


def fail(kind, message, **extra):
    emit(event="error", kind=kind, message=message, **extra)
    sys.exit(1)


# The name may be bare: `throw new Error('boom')` prints "Error: boom", a TypeError "TypeError: ...".
JS_ERROR = re.compile(r"^((?:[A-Za-z_$][\w$]*)?(?:Error|Exception))(?: \[[^\]]*\])?: (.*)$", re.M)
TS_DIAGNOSTIC = re.compile(r"^(?:\S+ )?\d+:\d+ - .*$", re.M)
KERNEL_FRAME = re.compile(r"node:vm|sigintHandlersWrap|node_modules/tslab/")


def kernel_error(cell):
    """(ename, evalue, traceback) of a failed cell.

    Kernels like IPython send an `error` output. tslab does not: it prints the exception (or the TypeScript
    diagnostics) to the cell's stderr and replies status=error, so we read them from there.
    """
    outputs = cell.get("outputs", [])
    err = next((o for o in outputs if o.get("output_type") == "error"), None)
    if err is not None and err.get("ename") not in (None, "", "<Error>"):
        return err["ename"], ANSI.sub("", err.get("evalue", "")), ANSI.sub("", "\n".join(err.get("traceback", [])))
    stderr = ANSI.sub("", "".join(o.get("text", "") for o in outputs
                                  if o.get("output_type") == "stream" and o.get("name") == "stderr"))
    trace = "\n".join(line for line in stderr.splitlines() if not KERNEL_FRAME.search(line)).strip()
    diagnostics = TS_DIAGNOSTIC.findall(stderr)
    m = JS_ERROR.search(stderr)
    if diagnostics and not m:
        return "TypeScript compile error", "; ".join(d.strip() for d in diagnostics), trace
    if m:
        return m.group(1), m.group(2).strip(), trace
    first = next((line for line in stderr.splitlines() if line.strip()), "the kernel reported an error without details")
    return "Error", first.strip(), trace


def remove_if_empty(path):
    """A kernel that said nothing leaves an empty log; it tells the reader nothing, so it goes."""
    try:
        if os.path.getsize(path) == 0:
            os.remove(path)
    except OSError:
        pass


def kill_kernel(km):
    """SIGKILL the kernel's process group (jupyter_client starts it in a session of its own)."""
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    if not pid:
        return
    for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            kill()
            return
        except OSError:
            pass


def die_with_parent(km, kernel_log):
    """Exit, with the kernel, when render/execute.ts is gone.

    The executor keeps our stdin open and never writes to it, so EOF means it died, even by SIGKILL,
    which gives it no chance to clean up. The kernel runs in its own session, so no signal sent to our
    process group reaches it: without this it would run on forever with parent PID 1.
    """
    def watch():
        # os.read on the raw descriptor: a daemon thread blocked in sys.stdin's buffered reader holds
        # its lock, and interpreter shutdown then aborts with "could not acquire lock".
        try:
            while os.read(0, 4096):
                pass
        except OSError:
            pass
        kill_kernel(km)
        remove_if_empty(kernel_log)
        os._exit(1)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def dies_with_us():
    """preexec_fn for the kernel: Linux sends it SIGKILL when this process dies, however it dies."""
    try:
        import ctypes
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except Exception:
        pass  # not Linux: the stdin watch in die_with_parent still covers a dead executor


def write_atomic(nbformat, nb, path):
    """Same contract as writeFileAtomic (src/results/atomic-write.ts): no half-written file, no stray temp."""
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        nbformat.write(nb, tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.remove(tmp)
        except FileNotFoundError:
            pass
        raise


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--partial", required=True, help="where to save the notebook when a cell fails")
    ap.add_argument("--cwd", required=True, help="working directory of the kernel")
    ap.add_argument("--kernel-dir", required=True, help="<JUPYTER_PATH>/kernels: only specs from here are used")
    ap.add_argument("--kernel-log", required=True, help="file for the kernel process's own stdout/stderr")
    ap.add_argument("--kernel-name", default="tslab")
    ap.add_argument("--display-name", help="how to name the notebook in messages (default: input)")
    ap.add_argument("--cell-timeout", type=float, default=900)
    ap.add_argument("--startup-timeout", type=float, default=120)
    ap.add_argument("--exit-on-stdin-eof", action="store_true",
                    help="the caller holds our stdin open: its end means the caller died, so stop the kernel and exit")
    args = ap.parse_args()
    shown = args.display_name or args.input

    # jsonschema names the broken property ("'outputs' is a required property"); fastjsonschema, nbformat's
    # default when installed, only says a cell matched no definition.
    os.environ.setdefault("NBFORMAT_VALIDATOR", "jsonschema")
    try:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from jupyter_client.manager import KernelManager
    except ImportError as e:
        fail("deps", f"{sys.executable} cannot import {e.name}; run `bash scripts/ensure-system-deps.sh`")

    try:
        nb = nbformat.read(args.input, as_version=4)
    except Exception as e:  # NotJSONError, ValueError, ...
        fail("nbformat", f"{shown} is not a readable notebook: {e}")
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as e:
        path = list(e.absolute_path)
        if len(path) >= 2 and path[0] == "cells":
            where = f"cell {path[1]}" + "".join(f".{p}" for p in path[2:])
        else:
            where = ".".join(str(p) for p in path) or "top level"
        fail("nbformat", f"{shown} is not a valid nbformat {nb.get('nbformat', '?')} notebook: "
                         f"{e.message} (at {where})")

    # Only the project-local spec: a spec in the reader's own Jupyter dirs could point at another checkout.
    ksm = KernelSpecManager(kernel_dirs=[args.kernel_dir])
    try:
        ksm.get_kernel_spec(args.kernel_name)
    except NoSuchKernel:
        fail("kernel", f"no '{args.kernel_name}' kernelspec in {args.kernel_dir}; run `npm run kernel:install`")

    km = KernelManager(kernel_name=args.kernel_name, kernel_spec_manager=ksm)
    client = progress_client(NotebookClient)(
        nb,
        km=km,
        kernel_name=args.kernel_name,
        # nbclient's traits are ints; round up so a fractional flag never means "no time at all".
        timeout=math.ceil(args.cell_timeout),
        startup_timeout=math.ceil(args.startup_timeout),
        allow_errors=False,
        shutdown_kernel="immediate",
        interrupt_on_timeout=False,
        resources={"metadata": {"path": args.cwd}},
    )

    if args.exit_on_stdin_eof:
        die_with_parent(km, args.kernel_log)
    t0 = time.time()
    emit(event="start", cells=len(nb.cells))
    index = -1
    # The kernel must not inherit our stdout: it would hold the event pipe open after we exit.
    log = open(args.kernel_log, "w")
    try:
        # cleanup_kc: nbclient only shuts down kernels it created itself, and we pass our own km.
        with client.setup_kernel(cleanup_kc=True, stdout=log, stderr=log, preexec_fn=dies_with_us):
            # nbclient's own execute() would do this; we loop ourselves to report each cell.
            info = client.kc.kernel_info()
            info_msg = client.wait_for_reply(info)
            if info_msg is not None and "language_info" in info_msg["content"]:
                nb.metadata["language_info"] = info_msg["content"]["language_info"]
            for index, cell in enumerate(nb.cells):
                emit(event="cell", index=index, code=cell.cell_type == "code")
                c0 = time.time()
                client.execute_cell(cell, index)
                emit(event="cell_done", index=index, seconds=round(time.time() - c0, 3))
    except CellExecutionError as e:
        cell = nb.cells[index]
        ename, evalue, trace = kernel_error(cell)
        write_atomic(nbformat, nb, args.partial)
        fail("cell", f"cell {index} failed", index=index, source=cell.source,
             ename=ename, evalue=evalue, traceback=trace, partial=args.partial)
    except CellTimeoutError as e:
        write_atomic(nbformat, nb, args.partial)
        fail("timeout", f"cell {index} did not finish within {args.cell_timeout:g} s (--cell-timeout)",
             index=index, source=nb.cells[index].source, partial=args.partial)
    except DeadKernelError as e:
        if index >= 0:
            write_atomic(nbformat, nb, args.partial)
        fail("dead", f"the kernel died{f' in cell {index}' if index >= 0 else ''}: {e}",
             index=index, source=nb.cells[index].source if index >= 0 else "", partial=args.partial)
    except RuntimeError as e:
        # jupyter_client raises RuntimeError("Kernel didn't respond in N seconds") on a slow start.
        if index < 0:
            fail("startup", f"the '{args.kernel_name}' kernel did not start within {args.startup_timeout:g} s "
                            f"(--startup-timeout): {e}; kernel log: {args.kernel_log}")
        raise
    finally:
        try:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
        except Exception:
            pass
        log.close()
        remove_if_empty(args.kernel_log)

    nb.metadata.setdefault("report", {})["executed"] = {"seconds": round(time.time() - t0, 3)}
    write_atomic(nbformat, nb, args.output)
    emit(event="done", seconds=round(time.time() - t0, 3))


if __name__ == "__main__":
    main()
