"""What the Flock's REST clients and command lines share.

Each service's client (``fm``, ``system``, ...) is built from these parts:

* :mod:`~stx_common.client.http`: one JSON endpoint, reached with a token
  and a URL, through a Keystone session (``OS_*``), or without
  authentication; StarlingX error bodies become one-line errors;
* :mod:`~stx_common.client.exceptions`: those errors;
* :mod:`~stx_common.client.base`: a manager per collection, following
  ``next`` links;
* :mod:`~stx_common.client.formatting`: StarlingX's prettytable layouts,
  wrapped to the terminal, and the ``yaml``/``value`` output formats;
* :mod:`~stx_common.client.query`: the ``-q field<op>value;...`` syntax;
* :mod:`~stx_common.client.commands` and :mod:`~stx_common.client.shell`:
  declared subcommands and an argparse command line that never shows a
  traceback unless asked to (``--debug``).
"""
