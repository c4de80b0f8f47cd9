"""Runtime configuration: config uuids, hosts' config targets, the
"Config out-of-date" status with alarm 250.001, and the DNS/NTP flows.

As StarlingX's conductor (``_config_update_hosts``): every configuration
change mints a uuid and sets it as ``config_target`` of the affected
hosts; the top bit of the uuid (``1 << 127``) means "reboot required" and
is kept on a host until it reboots. The runtime part is sent to each
affected host's agent (``apply_runtime_config``, ``server=<hostname>``),
which writes the files and reports ``config_applied``. While
``config_target != config_applied`` the host shows ``config_status =
"Config out-of-date"`` and alarm 250.001 (entity ``host=<hostname>``) is
raised; it clears when the target is applied. A reboot-required target
is only satisfied by what the host applies when it boots.
"""
import threading
import time
import uuid as uuidlib

from oslo_log import log

from stx_common import alarms
from stx_common.contracts import alarm as contract
from sysinv.agent import rpcapi as agent_rpcapi
from sysinv.common import constants as c
from sysinv.common import states
from sysinv.conductor import config_rules

LOG = log.getLogger(__name__)

REBOOT_REQUIRED = 1 << 127
ALARM_CONFIG_OUT_OF_DATE = '250.001'
DNS_CLASS = 'platform::dns::resolv::runtime'
NTP_CLASS = 'platform::ntp::runtime'
DNS_PERSONALITIES = (c.CONTROLLER,)
NTP_PERSONALITIES = (c.CONTROLLER,)
ACTION_APPLY = 'apply'
ACTION_INSTALL = 'install'

_HOST_CONFIG = threading.Lock()
_agents = None


def agent_api():
    """The conductor's client of the agents (one per process)."""
    global _agents
    if _agents is None:
        _agents = agent_rpcapi.AgentAPI()
    return _agents


def alarm_client():
    return alarms.get_client()


# -- config uuids -------------------------------------------------------------
def set_reboot_required(config_uuid):
    value = uuidlib.UUID(config_uuid).int | REBOOT_REQUIRED
    return str(uuidlib.UUID(int=value))


def clear_reboot_required(config_uuid):
    value = uuidlib.UUID(config_uuid).int & ~REBOOT_REQUIRED
    return str(uuidlib.UUID(int=value))


def is_reboot_required(config_uuid):
    if not config_uuid:
        return False
    return bool(uuidlib.UUID(config_uuid).int & REBOOT_REQUIRED)


def new_config_uuid(reboot=False):
    config_uuid = str(uuidlib.uuid4())
    if reboot:
        return set_reboot_required(config_uuid)
    return clear_reboot_required(config_uuid)


def target_for(host, config_uuid):
    """The target a host gets: a pending reboot requirement stays."""
    if is_reboot_required(host.get('config_target')):
        return set_reboot_required(config_uuid)
    return config_uuid


def out_of_date(host):
    """StarlingX's ``_config_out_of_date``: a target not yet applied."""
    target = host.get('config_target')
    if not target:
        return False
    return target != host.get('config_applied')


def config_status(host):
    return states.CONFIG_STATUS_OUT_OF_DATE if out_of_date(host) else None


def affected(hosts, personalities, host_uuids=None):
    """Hosts of ``personalities`` (and among ``host_uuids``) with a
    hostname."""
    chosen = []
    for host in hosts:
        if not host.get('hostname') or \
                host.get('personality') not in personalities:
            continue
        if host_uuids and host['uuid'] not in host_uuids:
            continue
        chosen.append(host)
    return chosen


# -- hosts' status and the alarm ----------------------------------------------
def _entity(host):
    return 'host=%s' % host['hostname']


def _alarm(host, client):
    if out_of_date(host):
        client.set_fault(contract.Fault(
            alarm_id=ALARM_CONFIG_OUT_OF_DATE, alarm_state='set',
            entity_type_id='host', entity_instance_id=_entity(host),
            severity='major',
            reason_text='%s Configuration is out-of-date.'
                        % host['hostname'],
            alarm_type='operational-violation',
            probable_cause='configuration-out-of-date',
            proposed_repair_action='Lock and unlock host %s to update '
                                   'config.' % host['hostname'],
            service_affecting=True))
    else:
        client.clear_fault(ALARM_CONFIG_OUT_OF_DATE, _entity(host))


def update_status(dbapi, host, values, client=None):
    """Write config columns of a host, recompute its status and raise or
    clear 250.001 when the status changes (or ``client`` asks)."""
    before = config_status(host)
    host = dict(host, **values)
    status = config_status(host)
    dbapi.set_host_config(host['id'], dict(values, config_status=status))
    if status != before or status is not None:
        try:
            _alarm(host, client or alarm_client())
        except Exception:  # noqa: BLE001 - the status is what counts
            LOG.exception('Cannot update alarm %s of %s',
                          ALARM_CONFIG_OUT_OF_DATE, host['hostname'])
    return host


def update_hosts(dbapi, personalities, host_uuids=None, reboot=False,
                 client=None):
    """Mint a config uuid and make it the target of the affected hosts.

    :returns: (config_uuid, [host dicts as updated])
    """
    config_uuid = new_config_uuid(reboot)
    updated = []
    with _HOST_CONFIG:
        for host in affected(dbapi.list_hosts(), personalities, host_uuids):
            target = target_for(host, config_uuid)
            if target != host.get('config_target'):
                host = update_status(dbapi, host, {'config_target': target},
                                     client)
            updated.append(host)
    LOG.info('Config %s (reboot required: %s) targets %s', config_uuid,
             reboot, ', '.join(h['hostname'] for h in updated) or 'no host')
    return config_uuid, updated


def config_applied(dbapi, host_uuid, config_uuid, client=None):
    """An agent applied ``config_uuid``: record it; returns the host.

    Only the host's current target counts (or its runtime part, for a
    reboot-required target): the report of a configuration a newer one
    replaced meanwhile changes nothing.
    """
    with _HOST_CONFIG:
        host = dbapi.get_host(host_uuid)
        target = host.get('config_target')
        if target and config_uuid not in (target,
                                          clear_reboot_required(target)):
            LOG.info('%s applied config %s, replaced by %s meanwhile',
                     host['hostname'], config_uuid, target)
            return host
        if host.get('config_applied') == config_uuid and \
                host.get('config_status') == config_status(host):
            return host
        host = update_status(dbapi, host, {'config_applied': config_uuid},
                             client)
    LOG.info('%s applied config %s (target %s): %s', host['hostname'],
             config_uuid, host.get('config_target'),
             config_status(host) or 'up to date')
    return host


def push(context, config_uuid, config_dict, hosts, agents=None):
    """Send the runtime part to each host's agent (a cast per host)."""
    agents = agents or agent_api()
    issued = time.time()
    for host in hosts:
        body = dict(config_dict, host_uuids=[host['uuid']], issued=issued)
        try:
            agents.apply_runtime_config(context, host['hostname'],
                                        config_uuid, body)
        except Exception:  # noqa: BLE001 - the host stays out-of-date
            LOG.exception('Cannot send config %s to %s', config_uuid,
                          host['hostname'])


def apply_runtime(dbapi, context, personalities, config_dict,
                  host_uuids=None, reboot=False, agents=None, client=None):
    """Mint, target and push in one go; returns the config uuid."""
    config_uuid, hosts = update_hosts(dbapi, personalities, host_uuids,
                                      reboot, client)
    if not reboot:
        push(context, config_uuid, dict(
            config_dict, personalities=list(personalities)), hosts, agents)
    return config_uuid


# -- DNS and NTP --------------------------------------------------------------
def dns_config(dbapi):
    row = dbapi.get_dns() or {}
    return {'classes': [DNS_CLASS],
            'dns': {'nameservers': config_rules.split(
                row.get('nameservers'))}}


def ntp_config(dbapi):
    row = dbapi.get_ntp() or {}
    return {'classes': [NTP_CLASS],
            'ntp': {'ntpservers': config_rules.split(
                row.get('ntpservers'))}}


def update_dns_config(dbapi, context, agents=None, client=None):
    """StarlingX's ``update_dns_config``: controllers get the new
    resolv.conf at runtime."""
    return apply_runtime(dbapi, context, DNS_PERSONALITIES,
                         dns_config(dbapi), agents=agents, client=client)


def update_ntp_config(dbapi, context, agents=None, client=None):
    return apply_runtime(dbapi, context, NTP_PERSONALITIES,
                         ntp_config(dbapi), agents=agents, client=client)


def _oam_families(dbapi):
    network = dbapi.get_network_by_type(c.NETWORK_TYPE_OAM)
    if network is None:
        return None
    return {b['address_pool_family'] for b in
            dbapi.list_network_addresspools(network['id'])} or None


def modify_dns(dbapi, context, ident, nameservers, action=None,
               agents=None, client=None):
    """PATCH of /v1/idns: check, store, and apply when asked and the
    list changed (StarlingX applies only a change)."""
    row = dbapi.get_idns(ident)
    ntp = dbapi.get_ntp() or {}
    value = config_rules.check_nameservers(
        nameservers, ntp.get('ntpservers'), _oam_families(dbapi))
    if value == (row.get('nameservers') or ''):
        LOG.info('No DNS config changes')
        return row
    row = dbapi.update_idns(row['id'], {'nameservers': value})
    if action == ACTION_APPLY:
        update_dns_config(dbapi, context, agents, client)
    return row


def modify_ntp(dbapi, context, ident, ntpservers, action=None,
               agents=None, client=None):
    row = dbapi.get_intp(ident)
    dns = dbapi.get_dns() or {}
    value = config_rules.check_ntpservers(ntpservers,
                                          dns.get('nameservers'))
    if value == (row.get('ntpservers') or ''):
        LOG.info('No NTP config changes')
        return row
    row = dbapi.update_intp(row['id'], {'ntpservers': value})
    if action == ACTION_APPLY:
        update_ntp_config(dbapi, context, agents, client)
    return row


def runtime_config_of(dbapi, host_uuid):
    """What a (re)starting agent applies: the host's target and every
    runtime part that concerns its personality."""
    from sysinv.conductor import service_parameters
    host = dbapi.get_host(host_uuid)
    parts = []
    if host.get('personality') in DNS_PERSONALITIES:
        parts.append(dns_config(dbapi))
    if host.get('personality') in NTP_PERSONALITIES:
        parts.append(ntp_config(dbapi))
    parts.extend(service_parameters.runtime_parts(dbapi, host))
    return {'config_uuid': host.get('config_target'), 'parts': parts}


def resend(dbapi, context, host_uuid, agents=None):
    """Send an out-of-date host's agent every runtime part again under
    its current target (deferred runtime config)."""
    host = dbapi.get_host(host_uuid)
    target = host.get('config_target')
    if not out_of_date(host) or is_reboot_required(target):
        return None
    merged = {'classes': [], 'personalities': [host['personality']]}
    for part in runtime_config_of(dbapi, host_uuid)['parts']:
        merged['classes'].extend(part.pop('classes', ()))
        merged.update(part)
    push(context, target, merged, [host], agents)
    return target
