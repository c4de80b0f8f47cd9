"""RFC 6902 JSON-Patch (add / replace / remove), as StarlingX's APIs take it.

Host updates and actions, event suppression and the other PATCH routes
carry a list like ``[{"op": "replace", "path": "/action", "value":
"lock"}]``. :func:`apply_patch` applies one to a document and
:func:`patch_fields` turns a patch on top-level fields into a dict, refusing
paths the resource does not allow. Errors are :class:`Invalid` (400).
"""
import copy

from stx_common import exception

OPS = ('add', 'replace', 'remove')


class InvalidPatch(exception.Invalid):
    msg_fmt = 'Invalid patch: %(reason)s'


def _decode(token):
    return token.replace('~1', '/').replace('~0', '~')


def _pointer(path):
    if not isinstance(path, str) or not path.startswith('/'):
        raise InvalidPatch(reason="path %r must start with '/'" % (path,))
    return [_decode(t) for t in path[1:].split('/')]


def validate_patch(patch):
    """Check the shape of a patch document; returns it."""
    if not isinstance(patch, list) or not patch:
        raise InvalidPatch(reason='a patch is a non-empty list of '
                                  'operations')
    for op in patch:
        if not isinstance(op, dict):
            raise InvalidPatch(reason='each operation must be an object')
        if op.get('op') not in OPS:
            raise InvalidPatch(reason='op must be one of %s, not %r'
                               % (', '.join(OPS), op.get('op')))
        _pointer(op.get('path'))
        if op['op'] in ('add', 'replace') and 'value' not in op:
            raise InvalidPatch(reason="'%s' of %s needs a value"
                               % (op['op'], op['path']))
    return patch


def _walk(doc, tokens, path):
    node = doc
    for token in tokens[:-1]:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and \
                int(token) < len(node):
            node = node[int(token)]
        else:
            raise InvalidPatch(reason='path %s does not exist' % path)
    return node


def apply_patch(doc, patch):
    """Return a copy of ``doc`` with ``patch`` applied."""
    validate_patch(patch)
    result = copy.deepcopy(doc)
    for op in patch:
        tokens = _pointer(op['path'])
        parent = _walk(result, tokens, op['path'])
        key = tokens[-1]
        if isinstance(parent, list):
            if key == '-' and op['op'] == 'add':
                parent.append(op['value'])
                continue
            if not key.isdigit() or int(key) > len(parent) or (
                    op['op'] != 'add' and int(key) >= len(parent)):
                raise InvalidPatch(reason='path %s does not exist'
                                   % op['path'])
            index = int(key)
            if op['op'] == 'add':
                parent.insert(index, op['value'])
            elif op['op'] == 'replace':
                parent[index] = op['value']
            else:
                del parent[index]
        elif isinstance(parent, dict):
            if op['op'] in ('replace', 'remove') and key not in parent:
                raise InvalidPatch(reason='path %s does not exist'
                                   % op['path'])
            if op['op'] == 'remove':
                del parent[key]
            else:
                parent[key] = op['value']
        else:
            raise InvalidPatch(reason='path %s does not exist' % op['path'])
    return result


def patch_fields(patch, allowed):
    """Top-level ``{field: value}`` changes of ``patch``.

    :param allowed: the fields this resource lets a patch change.
    :raises InvalidPatch: on a bad document or a field not allowed.
    """
    validate_patch(patch)
    changes = {}
    for op in patch:
        tokens = _pointer(op['path'])
        field = tokens[0]
        if len(tokens) != 1 or field not in allowed:
            raise InvalidPatch(reason="'%s' cannot be changed" % op['path'])
        changes[field] = None if op['op'] == 'remove' else op['value']
    return changes
