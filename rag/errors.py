"""Errors raised by the library; api/ maps them to HTTP statuses."""


class RagError(Exception):
    """Base class for every error newsrag raises on purpose."""

    code = "rag_error"


class ConfigError(RagError):
    """A setting is invalid or the environment cannot satisfy it."""

    code = "config_error"


class InputError(RagError):
    """The caller's input is unusable (empty question, bad file, missing folder)."""

    code = "bad_input"


class TooLargeError(InputError):
    """The input exceeds a configured size limit."""

    code = "too_large"


class UnsupportedTypeError(InputError):
    """A file of a type newsrag does not read."""

    code = "unsupported_type"


class UnauthorizedError(RagError):
    """A missing or wrong API key."""

    code = "unauthorized"


class StartingError(RagError):
    """The service is still loading its models."""

    code = "starting"


class NotFoundError(RagError):
    """A named document does not exist."""

    code = "not_found"


class EmbeddingMismatchError(RagError):
    """The store was built with another embedding model than the one configured."""

    code = "embedding_mismatch"


class StoreUnavailableError(RagError):
    """The vector store cannot be reached."""

    code = "store_unavailable"


class LLMUnavailableError(RagError):
    """The LLM backend failed, timed out or is unreachable."""

    code = "llm_unavailable"


class BusyError(LLMUnavailableError):
    """The model is busy and the request waited longer than the configured limit.

    A kind of unavailability: with RAG_ON_LLM_FAILURE=extractive the answer quotes the evidence instead.
    """

    code = "busy"


class WriteBusyError(RagError):
    """Another writer (another replica, or a crashed one whose lease has not expired) holds the write lease."""

    code = "write_busy"
