"""A local HTTP server that implements the documented endpoints of the networks' APIs, their
payloads and their failures (see server.py). One module per network mounts its routes."""

from __future__ import annotations

from tests.fake_networks.graph_api import GraphApi
from tests.fake_networks.server import Fault, Reply, Request, ServerCore, multipart_fields
from tests.fake_networks.x_api import XApi
from tests.fake_networks.youtube_api import YouTubeApi


class FakeNetworks(XApi, GraphApi, YouTubeApi, ServerCore):
    """Start with `with FakeNetworks() as server:`; `server.base` is its address."""

    def _mount_networks(self) -> None:
        self._mount_x()
        self._mount_graph()
        self._mount_youtube()


__all__ = ["FakeNetworks", "Fault", "Reply", "Request", "multipart_fields"]
