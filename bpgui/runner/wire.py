"""Messages through the pipe between the processes, with neither end ever waiting.

A plain ``Connection.send`` of a message bigger than the socket holds (a wide
network's snapshot when no shared memory could be had) waits until the other
end reads; ``Connection.recv`` waits for the rest of a message still being
written.  The training loop must not wait for the window's timer, nor the
window for a message half written, so both ends here write and read what the
socket takes, in ``multiprocessing``'s own framing (a length, then the
pickle): either end could still use ``Connection.recv``/``send``.
docs/benchmarks.md has the measurements behind this.
"""
from __future__ import annotations

import os
import socket
import struct
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Any

__all__ = ["Outbox", "Inbox"]


def _socket_of(conn: Connection) -> socket.socket | None:
    """A socket on a duplicate of ``conn``'s descriptor, or None where the
    pipe is not a socket (then the ends fall back on blocking calls)."""
    fd = os.dup(conn.fileno())
    try:
        return socket.socket(fileno=fd)
    except OSError:
        os.close(fd)
        return None


class Outbox:
    """Sends messages without the sender waiting for the reader.

    ``post`` pickles a message and writes what the socket takes at once, which
    is the whole of a small message; ``pump``, called between the training
    loop's epochs and steps while ``busy``, writes more, never waiting.
    Making the next progress message while one is still ``busy`` is the
    caller's to avoid.  ``flush`` writes the rest, waiting if need be (for
    final messages).  There is no sender thread: it would hand the GIL back
    and forth with the training loop for every chunk.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._buf = memoryview(b"")
        self.busy = False            # part of a message is still to be written
        self._sock = _socket_of(conn)

    def post(self, msg: Any) -> None:
        """Send ``msg`` after the previous one (finishing that one first, waiting if need be)."""
        if self._sock is None:
            self._conn.send(msg)
            return
        self.flush()
        data = ForkingPickler.dumps(msg)
        n = len(data)
        header = struct.pack("!i", n) if n <= 0x7FFFFFFF else struct.pack("!iQ", -1, n)
        buf = bytearray(header)
        buf += data          # one copy of the pickle, with its header in front
        self._buf = memoryview(buf)
        self.busy = True
        self.pump()

    def pump(self) -> None:
        """Write what the socket takes now, without waiting."""
        buf = self._buf
        try:
            while buf:
                buf = buf[self._sock.send(buf, socket.MSG_DONTWAIT):]
        except BlockingIOError:
            pass
        self._buf = buf
        self.busy = bool(buf)

    def flush(self) -> None:
        """Write the rest of the current message, waiting for the reader if need be."""
        buf = self._buf
        while buf:
            buf = buf[self._sock.send(buf):]
        self._buf = buf
        self.busy = False

    def close(self) -> None:
        """Write what is left (if the reader is still there) and let go of the socket."""
        if self._sock is not None:
            try:
                self.flush()
            except OSError:
                pass
            self._sock.close()
            self._sock = None


class Inbox:
    """Reads ``Outbox``'s messages without ever waiting for the rest of one."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._buf = bytearray()
        self._eof = False
        self._sock = _socket_of(conn)

    def get(self) -> Any:
        """The next complete message, or None.  Raises EOFError when the sender is gone."""
        if self._sock is None:
            return self._conn.recv() if self._conn.poll(0) else None
        msg = self._parse()
        if msg is None:
            self._fill()
            msg = self._parse()
            if msg is None and self._eof:
                raise EOFError("the other end closed the pipe")
        return msg

    @property
    def partial(self) -> bool:
        """Part of a message has arrived, the rest not yet."""
        return bool(self._buf)

    def _fill(self) -> None:
        try:
            while True:
                chunk = self._sock.recv(1 << 22, socket.MSG_DONTWAIT)
                if not chunk:
                    self._eof = True
                    return
                self._buf += chunk
        except BlockingIOError:
            return

    def _parse(self) -> Any:
        buf = self._buf
        if len(buf) < 4:
            return None
        (n,) = struct.unpack_from("!i", buf)
        start = 4
        if n == -1:
            if len(buf) < 12:
                return None
            (n,) = struct.unpack_from("!Q", buf, 4)
            start = 12
        if len(buf) < start + n:
            return None
        msg = ForkingPickler.loads(buf[start:start + n])   # the slice is the one copy
        del buf[:start + n]
        return msg

    def close(self) -> None:
        """Let go of the socket (the connection itself stays open)."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None
