"""The sensor model of one host: each sensor's debounced severity.

StarlingX's rules, per sample set read from the BMC:

* the first sample after the model is learned is taken as it is; after
  that a new severity counts once it is read in ``debounce`` (2)
  consecutive samples (a one-sample flapper changes nothing);
* a sensor missing from a sample set ``missing_threshold`` (3) times in a
  row goes minor;
* a sample set with ``relearn_missing`` (5) or more sensors missing is an
  accounting error: the model is learned again from that sample (sensors
  gone from the BMC are dropped);
* sensors of a group that could not be read keep their state.
"""
import dataclasses

from mtce.hwmon import policy

DEBOUNCE = 2
MISSING_THRESHOLD = 3
RELEARN_MISSING = 5


@dataclasses.dataclass
class SensorState:
    name: str
    group: str
    severity: str = policy.OK
    reading: object = None
    candidate: str | None = None
    candidate_count: int = 0
    missing: int = 0
    alarmed: str | None = None        # severity of the raised 200.007
    acted: str | None = None          # last action taken at a severity


@dataclasses.dataclass(frozen=True)
class Change:
    """A sensor's severity moved from ``old`` to ``new``."""

    sensor: SensorState
    old: str
    new: str


class SensorModel:
    def __init__(self, debounce=DEBOUNCE, missing_threshold=MISSING_THRESHOLD,
                 relearn_missing=RELEARN_MISSING):
        self.debounce = debounce
        self.missing_threshold = missing_threshold
        self.relearn_missing = relearn_missing
        self.sensors = {}
        self.samples = 0
        self.relearned = 0

    @property
    def learned(self):
        return bool(self.sensors)

    def update(self, readings, severity_of, failed_groups=()):
        """Take one sample set.

        :param readings: the :class:`~mtce.bmc.base.SensorReading` s read.
        :param severity_of: ``reading -> severity`` (the sensor's policy).
        :param failed_groups: groups not read this time.
        :returns: ``(changes, dropped)``: the severity changes, and the
            sensors dropped by a relearn.
        """
        by_name = {r.name: r for r in readings}
        dropped = []
        missing = [n for n, st in self.sensors.items()
                   if n not in by_name and st.group not in failed_groups]
        if self.sensors and len(missing) >= self.relearn_missing:
            dropped = [self.sensors.pop(n) for n in missing]
            self.relearned += 1
            missing = []
        first = not self.sensors
        self.samples += 1
        changes = []
        for name, reading in by_name.items():
            state = self.sensors.get(name)
            if state is None:
                state = self.sensors[name] = SensorState(name, reading.group)
                fresh = True
            else:
                fresh = first
            state.reading = reading
            state.group = reading.group
            state.missing = 0
            self._sample(state, severity_of(reading), fresh, changes)
        for name in missing:
            state = self.sensors[name]
            state.missing += 1
            if state.missing >= self.missing_threshold and \
                    state.severity != policy.MINOR:
                changes.append(Change(state, state.severity, policy.MINOR))
                state.severity = policy.MINOR
                state.candidate, state.candidate_count = None, 0
        return changes, dropped

    def _sample(self, state, severity, fresh, changes):
        if severity == state.severity:
            state.candidate, state.candidate_count = None, 0
            return
        if fresh:
            accepted = True
        else:
            if severity == state.candidate:
                state.candidate_count += 1
            else:
                state.candidate, state.candidate_count = severity, 1
            accepted = state.candidate_count >= self.debounce
        if accepted:
            changes.append(Change(state, state.severity, severity))
            state.severity = severity
            state.candidate, state.candidate_count = None, 0
