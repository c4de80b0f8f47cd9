"""State machines declared as tables.

A service writes its transitions as data::

    TABLE = FSMTable('host', [
        # (from state, event, to state)
        (LOCKED, 'unlock', UNLOCKING),
        ...
    ])

and asks the table what an event does: :meth:`FSMTable.next_state` returns
the new state or raises :class:`~stx_common.exception.InvalidTransition`.
Tables are pure data with no framework imports, so every transition is
unit-testable and the whole table can be drawn (:meth:`to_dot`).
"""
from stx_common import exception


class FSMTable:
    """An immutable (state, event) -> state table."""

    def __init__(self, entity, transitions, initial=None, any_state=()):
        """
        :param entity: name used in error messages ("host", "alarm" ...).
        :param transitions: iterable of (from_state, event, to_state).
        :param initial: the state a new entity starts in.
        :param any_state: (event, to_state) pairs allowed from every state.
        """
        self.entity = entity
        self.initial = initial
        self._table = {}
        states = set()
        for source, event, target in transitions:
            key = (source, event)
            if key in self._table and self._table[key] != target:
                raise ValueError('%s: (%s, %s) has two targets'
                                 % (entity, source, event))
            self._table[key] = target
            states.update((source, target))
        self._any = dict(any_state)
        states.update(self._any.values())
        if initial is not None:
            states.add(initial)
        self.states = frozenset(states)
        self.events = frozenset(
            [e for _, e in self._table] + list(self._any))

    def next_state(self, state, event):
        """The state ``event`` leads to from ``state``.

        :raises InvalidTransition: if the table has no such transition.
        """
        try:
            return self._table[(state, event)]
        except KeyError:
            pass
        if event in self._any:
            return self._any[event]
        raise exception.InvalidTransition(entity=self.entity, event=event,
                                          state=state)

    def allows(self, state, event):
        return (state, event) in self._table or event in self._any

    def events_from(self, state):
        """Events accepted in ``state``, sorted."""
        return sorted({e for (s, e) in self._table if s == state}
                      | set(self._any))

    def transitions(self):
        """Every (from, event, to) triple, sorted."""
        return sorted((s, e, t) for (s, e), t in self._table.items())

    def to_dot(self):
        """Graphviz text of the table, for the docs."""
        lines = ['digraph "%s" {' % self.entity]
        for source, event, target in self.transitions():
            lines.append('  "%s" -> "%s" [label="%s"];'
                         % (source, target, event))
        lines.append('}')
        return '\n'.join(lines)
