"""What mtce-agent and mtce-client share: the host state vocabulary
(:mod:`~mtce.common.states`), the degrade bitmask
(:mod:`~mtce.common.degrade`) and the sealed maintenance messages
(:mod:`~mtce.common.messages`); and how pmond and hwmond tell
maintenance of their events (:mod:`~mtce.common.plugins`,
:mod:`~mtce.common.notifiers`)."""
