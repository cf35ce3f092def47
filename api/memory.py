"""Process memory settings for the server."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

# glibc's mallopt parameter number for the arena cap (M_ARENA_MAX in malloc.h).
_M_ARENA_MAX = -8
# glibc gives each thread that allocates concurrently its own arena, up to 8 per core, and keeps
# their freed memory; with 40 request threads that is hundreds of MB. Two is what MALLOC_ARENA_MAX=2
# gives, the usual setting for threaded Python servers.
DEFAULT_MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas: int = DEFAULT_MALLOC_ARENAS) -> None:
    """Cap glibc's malloc arenas for this process (no-op where libc is not glibc)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        if libc is None or not hasattr(libc, "mallopt"):
            return
        if libc.mallopt(_M_ARENA_MAX, arenas) != 1:
            log.warning("mallopt(M_ARENA_MAX, %d) was refused", arenas)
    except OSError:
        return
