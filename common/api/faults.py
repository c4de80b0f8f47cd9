"""StarlingX's error body, whatever raised the error.

Every 4xx/5xx answer leaves as::

    {"error_message": "{\"faultcode\": \"Client\",
                        \"faultstring\": \"<message>\",
                        \"debuginfo\": null}"}

(the inner document is a JSON string, as StarlingX's clients expect). Known
errors (:class:`~stx_common.exception.FlockException`) keep their message and
status; a lost database answers 503; anything else is logged with its
traceback here and answers a bare 500 with no internals.
"""
import json

from oslo_db import exception as db_exc
from oslo_log import log
import oslo_messaging as messaging
import webob
import webob.exc

from stx_common import db, exception

LOG = log.getLogger(__name__)


def error_body(status, message):
    fault = {'faultcode': 'Client' if status < 500 else 'Server',
             'faultstring': message, 'debuginfo': None}
    return json.dumps({'error_message': json.dumps(fault)}).encode()


def error_response(status, message, headers=None):
    response = webob.Response(status=status, body=error_body(status,
                                                             message),
                              content_type='application/json',
                              charset='UTF-8')
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _message_of(status, body, content_type):
    """Best-effort message out of an error answer of another layer."""
    text = body.decode('utf-8', 'replace') if body else ''
    if 'json' in (content_type or ''):
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
        if isinstance(doc, dict):
            if 'error_message' in doc:
                return None  # already in our format
            err = doc.get('error')
            if isinstance(err, dict) and err.get('message'):
                return str(err['message'])
            for key in ('faultstring', 'message', 'title'):
                if doc.get(key):
                    return str(doc[key])
    explanation = webob.exc.status_map.get(status)
    if explanation is not None:
        return explanation.explanation or explanation.title
    return text.strip()[:255] or 'Error %d' % status


class FaultMiddleware:
    """Outermost WSGI layer of every Flock API."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        try:
            response = request.get_response(self.app)
        except exception.FlockException as exc:
            if exc.code >= 500:
                LOG.error('%s %s failed: %s', request.method, request.path,
                          exc)
            response = error_response(exc.code, exc.message)
        except db_exc.DBDuplicateEntry as exc:
            LOG.warning('%s %s: duplicate entry: %s', request.method,
                        request.path, exc)
            response = error_response(409, 'The resource already exists.')
        except db.UNAVAILABLE as exc:
            LOG.error('%s %s: database error: %s', request.method,
                      request.path, exc)
            response = error_response(
                503, 'The database is not available; try again.')
        except (messaging.MessagingException,
                messaging.MessageUndeliverable) as exc:
            LOG.error('%s %s: RPC failed: %s', request.method, request.path,
                      exc)
            response = error_response(
                503, 'The service is not answering; try again.')
        except webob.exc.HTTPException as exc:
            response = error_response(exc.code, exc.explanation or
                                      exc.title)
        except Exception:  # noqa: BLE001 - never leak a traceback
            LOG.exception('%s %s failed', request.method, request.path)
            response = error_response(500, 'Internal server error.')
        else:
            if response.status_int == 204:
                # No content means no body, whatever the renderer made.
                response.body = b''
                del response.content_type
            elif response.status_int >= 400:
                message = _message_of(response.status_int, response.body,
                                      response.content_type)
                if message is not None:
                    keep = {k: v for k, v in response.headers.items()
                            if k.lower() == 'www-authenticate'}
                    response = error_response(response.status_int, message,
                                              keep)
        return response(environ, start_response)
