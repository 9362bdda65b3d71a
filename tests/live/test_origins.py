"""Socket connections from another site are refused by a real server; same-origin works."""

import pytest
import requests
import socketio

from ..servers import AppServer, cli, process_database, server_env

pytestmark = pytest.mark.server


def test_cross_site_socket_connections_are_refused(tmp_path):
    with process_database(tmp_path) as url:
        env = server_env(url, tmp_path)
        cli(env, "init-db")
        server = AppServer(env).start()
        try:
            for transport in ("polling", "websocket"):
                foreign = socketio.Client(reconnection=False)
                with pytest.raises(socketio.exceptions.ConnectionError):
                    foreign.connect(server.url, headers={"Origin": "https://evil.example"},
                                    transports=[transport], wait_timeout=5)
            refused = requests.get(f"{server.url}/socket.io/?EIO=4&transport=polling",
                                   headers={"Origin": "https://evil.example"}, timeout=5)
            assert refused.status_code == 400
            allowed = requests.get(f"{server.url}/socket.io/?EIO=4&transport=polling",
                                   headers={"Origin": server.url}, timeout=5)
            assert allowed.status_code == 200 and '"sid"' in allowed.text
            same = socketio.Client(reconnection=False)
            same.connect(server.url, transports=["websocket"],  # its own origin
                         wait_timeout=5)
            assert same.connected
            same.disconnect()
        finally:
            server.stop()
