"""The pipe's framing (``bpgui.runner.wire``): neither end ever waits."""
import multiprocessing as mp
import threading
import time

import numpy as np
import pytest

from bpgui.runner.wire import Inbox, Outbox


def test_outbox_reports_a_broken_pipe():
    parent, child = mp.Pipe()
    parent.close()
    box = Outbox(child)
    with pytest.raises(OSError):
        box.post(("progress", None, {}))
    box.close()


def test_outbox_frames_messages_as_multiprocessing_does_and_never_blocks():
    parent, child = mp.Pipe()
    box = Outbox(child)
    big = np.arange(1_000_000, dtype=np.float64)   # 8 MB: far more than the socket holds
    t0 = time.monotonic()
    box.post(("progress", big, {"epoch": [1]}))
    assert time.monotonic() - t0 < 0.5 and box.busy   # handed over, not waited for
    box.pump()
    assert box.busy                                  # still nobody reading: pump does not wait
    got = []
    reader = threading.Thread(target=lambda: got.extend([parent.recv(), parent.recv()]))
    reader.start()
    box.post(("finished", "stopped"))   # waits for the first to be out, then sends
    box.flush()
    reader.join(10)
    assert not box.busy
    np.testing.assert_array_equal(got[0][1], big)
    assert got[1] == ("finished", "stopped")
    box.close()



def test_inbox_never_waits_for_the_rest_of_a_message():
    parent, child = mp.Pipe()
    box, inbox = Outbox(child), Inbox(parent)
    big = np.arange(1_000_000, dtype=np.float64)    # 8 MB: written in many pieces
    box.post(("progress", big, {}))
    assert box.busy
    t0 = time.monotonic()
    assert inbox.get() is None                      # a piece is there, the rest is not: no waiting
    assert time.monotonic() - t0 < 0.05
    got = []
    deadline = time.monotonic() + 10
    while box.busy and time.monotonic() < deadline:
        box.pump()                                  # the child writes more now and then
        if (m := inbox.get()) is not None:
            got.append(m)
    box.post(("finished", "stopped"))
    while len(got) < 2 and time.monotonic() < deadline:
        if (m := inbox.get()) is not None:
            got.append(m)
    assert [m[0] for m in got] == ["progress", "finished"]
    np.testing.assert_array_equal(got[0][1], big)
    box.close()
    child.close()
    with pytest.raises(EOFError):                   # the child is gone
        while time.monotonic() < deadline:
            assert inbox.get() is None
            time.sleep(0.01)
    inbox.close()
