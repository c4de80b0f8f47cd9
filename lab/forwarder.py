"""A small TCP forwarder: site infrastructure seen from the namespaces.

RabbitMQ and PostgreSQL listen on 127.0.0.1 only, which a host's
namespace cannot reach. The lab runs one forwarder process in the root
namespace that listens on the root namespace's address on the mgmt bridge
and relays each connection to the loopback service::

    python -m stx_lab.forwarder 192.168.204.1:5672=127.0.0.1:5672 \\
        192.168.204.1:5432=127.0.0.1:5432

It binds only the addresses it is given (never a wildcard).
"""
import asyncio
import logging
import signal
import sys

LOG = logging.getLogger('stx_lab.forwarder')
BUFFER = 65536


def parse(spec: str) -> tuple[str, int, str, int]:
    """``LISTEN_IP:PORT=TARGET_IP:PORT`` -> its four parts."""
    listen, _, target = spec.partition('=')
    lhost, _, lport = listen.rpartition(':')
    thost, _, tport = target.rpartition(':')
    if not (lhost and lport and thost and tport):
        raise ValueError('bad forward %r: LISTEN_IP:PORT=TARGET_IP:PORT'
                         % spec)
    return lhost, int(lport), thost, int(tport)


async def _pipe(reader: asyncio.StreamReader,
                writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            data = await reader.read(BUFFER)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.close()
        except (ConnectionError, OSError):
            pass


def _handler(thost: str, tport: int):
    async def handle(reader: asyncio.StreamReader,
                     writer: asyncio.StreamWriter) -> None:
        try:
            treader, twriter = await asyncio.open_connection(thost, tport)
        except OSError as exc:
            LOG.warning('cannot reach %s:%d: %s', thost, tport, exc)
            writer.close()
            return
        await asyncio.gather(_pipe(reader, twriter), _pipe(treader, writer))

    return handle


async def serve(specs: list[str]) -> None:
    servers = []
    for spec in specs:
        lhost, lport, thost, tport = parse(spec)
        server = await asyncio.start_server(_handler(thost, tport), lhost,
                                            lport, reuse_address=True)
        servers.append(server)
        LOG.info('forwarding %s:%d to %s:%d', lhost, lport, thost, tport)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print('ready', flush=True)
    await stop.wait()
    for server in servers:
        server.close()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO,
                        format='%(asctime)s %(name)s %(message)s')
    specs = sys.argv[1:] if argv is None else argv
    if not specs:
        sys.stderr.write(__doc__)
        return 2
    asyncio.run(serve(specs))
    return 0


if __name__ == '__main__':
    sys.exit(main())
