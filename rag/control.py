"""Small keyed records beside the data in Chroma: the change feed's entries and the write lease.

rag/changes.py decides what they mean; this is only how they are kept, in their own collection.
"""

from __future__ import annotations

from rag.chroma import ChromaConnection


class ControlRecords:
    """Records read by key and metadata only.

    `insert` keeps a key's first record (Chroma ignores an add of an existing id), so of several
    replicas inserting one key at once exactly one wins, and a read after says which.
    """

    # Chroma stores a vector with every record; these records are only read by key and metadata.
    _VECTOR = [0.0]

    def __init__(self, connection: ChromaConnection) -> None:
        self._connection = connection

    def _collection(self):
        return self._connection.open().changes

    def insert(self, key: str, meta: dict) -> None:
        with self._connection.guard("write to the change feed"):
            self._collection().add(ids=[key], embeddings=[self._VECTOR], metadatas=[meta])

    def read(self, key: str) -> dict | None:
        with self._connection.guard("read the change feed"):
            got = self._collection().get(ids=[key], include=["metadatas"])
        return got["metadatas"][0] if got["ids"] else None

    def extend(self, key: str, holder: str, expires: float) -> bool:
        """Push back the expiry of `holder`'s record; False when the record is no longer theirs."""
        with self._connection.guard("renew the write lease"):
            collection = self._collection()
            got = collection.get(ids=[key], where={"holder": holder}, include=[])
            if not got["ids"]:
                return False
            collection.update(ids=[key], metadatas=[{"expires": expires}])
            return True

    def remove(self, key: str, holder: str | None = None) -> None:
        """Delete the key's record (only if `holder` holds it, when given)."""
        with self._connection.guard("write to the change feed"):
            self._collection().delete(ids=[key], where={"holder": holder} if holder else None)

    def changes_after(self, version: int) -> list[dict]:
        with self._connection.guard("read the change feed"):
            got = self._collection().get(where={"version": {"$gt": version}}, include=["metadatas"])
        return sorted(got["metadatas"], key=lambda m: m["version"])

    def trim_changes(self, up_to: int) -> None:
        with self._connection.guard("trim the change feed"):
            self._collection().delete(where={"version": {"$lte": up_to}})
