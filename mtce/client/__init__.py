"""mtce-client: the mtcClient role on every host (mtcAlive, commands,
goenabled tests, host services), with the heartbeat client."""
