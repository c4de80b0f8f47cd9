"""mtce: the Flock's host maintenance service.

Heartbeat, the host life cycle (lock, unlock, reboot, reset, power,
reinstall, failure and auto recovery), BMC power and sensors, and process
monitoring. Processes: ``mtce-agent`` (active controller: the mtcAgent and
hbsAgent roles), ``mtce-client`` (every host), ``pmond`` (every host) and
``hwmond`` (controller).
"""
