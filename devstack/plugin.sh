#!/bin/bash
# devstack plugin of the Flock: installs, configures and starts its
# services. Later services add their own functions next to FM's.

function install_flock {
    setup_develop $FLOCK_DIR
}

function configure_fm {
    sudo install -d -o $STACK_USER $FM_CONF_DIR $FM_STATE_PATH
    iniset $FM_CONF DEFAULT transport_url $(get_transport_url)
    iniset $FM_CONF DEFAULT state_path $FM_STATE_PATH
    iniset $FM_CONF database connection $(database_connection_url fm)
    iniset $FM_CONF api bind_host $SERVICE_LISTEN_ADDRESS
    iniset $FM_CONF api bind_port $FM_API_PORT
    iniset $FM_CONF api auth_strategy keystone
    configure_keystone_authtoken_middleware $FM_CONF fm
}

function init_fm {
    recreate_database fm
    $FLOCK_BIN_DIR/fm-dbsync --config-file $FM_CONF
    if is_service_enabled keystone; then
        get_or_create_service fm faultmanagement "Fault Management"
        get_or_create_endpoint faultmanagement "$REGION_NAME" \
            "$SERVICE_PROTOCOL://$SERVICE_HOST:$FM_API_PORT"
        create_service_user fm admin
    fi
}

function start_fm {
    run_process fm-manager "$FLOCK_BIN_DIR/fm-manager --config-file $FM_CONF"
    run_process fm-api "$FLOCK_BIN_DIR/fm-api --config-file $FM_CONF"
}

function stop_fm {
    stop_process fm-api
    stop_process fm-manager
}

function configure_sysinv {
    sudo install -d -o $STACK_USER $SYSINV_CONF_DIR $SYSINV_STATE_PATH
    iniset $SYSINV_CONF DEFAULT transport_url $(get_transport_url)
    iniset $SYSINV_CONF DEFAULT state_path $SYSINV_STATE_PATH
    iniset $SYSINV_CONF database connection $(database_connection_url sysinv)
    iniset $SYSINV_CONF api bind_host $SERVICE_LISTEN_ADDRESS
    iniset $SYSINV_CONF api bind_port $SYSINV_API_PORT
    iniset $SYSINV_CONF api auth_strategy keystone
    iniset $SYSINV_CONF agent config_root $SYSINV_STATE_PATH/host-root
    configure_keystone_authtoken_middleware $SYSINV_CONF sysinv
}

function init_sysinv {
    recreate_database sysinv
    $FLOCK_BIN_DIR/sysinv-dbsync --config-file $SYSINV_CONF
    if [[ -f $SYSINV_SITE_FILE ]]; then
        $FLOCK_BIN_DIR/sysinv-bootstrap --config $SYSINV_SITE_FILE \
            --config-file $SYSINV_CONF
    fi
    if is_service_enabled keystone; then
        get_or_create_service sysinv platform "System Inventory"
        get_or_create_endpoint platform "$REGION_NAME" \
            "$SERVICE_PROTOCOL://$SERVICE_HOST:$SYSINV_API_PORT/v1"
        create_service_user sysinv admin
    fi
}

function start_sysinv {
    run_process sysinv-conductor "$FLOCK_BIN_DIR/sysinv-conductor --config-file $SYSINV_CONF"
    run_process sysinv-api "$FLOCK_BIN_DIR/sysinv-api --config-file $SYSINV_CONF"
    run_process sysinv-agent "$FLOCK_BIN_DIR/sysinv-agent --config-file $SYSINV_CONF"
}

function stop_sysinv {
    stop_process sysinv-agent
    stop_process sysinv-api
    stop_process sysinv-conductor
}

function configure_mtce {
    sudo install -d -o $STACK_USER $MTCE_CONF_DIR $MTCE_STATE_PATH
    if [[ ! -f $MTCE_KEY_FILE ]]; then
        # the shared HMAC-SHA512 key of heartbeat and maintenance datagrams
        (umask 077; openssl rand -hex 32 > $MTCE_KEY_FILE)
    fi
    iniset $MTCE_CONF DEFAULT transport_url $(get_transport_url)
    iniset $MTCE_CONF DEFAULT state_path $MTCE_STATE_PATH
    iniset $MTCE_CONF heartbeat auth_key_file $MTCE_KEY_FILE
    iniset $MTCE_CONF heartbeat mgmt_address $HOST_IP
    iniset $MTCE_CONF heartbeat transport unicast
    iniset $MTCE_CONF heartbeat system_type all-in-one
    iniset $MTCE_CONF client controller_mgmt_address $HOST_IP
}

function start_mtce {
    run_process mtce-agent "$FLOCK_BIN_DIR/mtce-agent --config-file $MTCE_CONF"
    run_process mtce-client "$FLOCK_BIN_DIR/mtce-client --config-file $MTCE_CONF"
    run_process pmond "$FLOCK_BIN_DIR/pmond --config-file $MTCE_CONF"
}

function stop_mtce {
    stop_process pmond
    stop_process mtce-client
    stop_process mtce-agent
}

if [[ "$1" == "stack" && "$2" == "install" ]]; then
    install_flock
elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
    if is_service_enabled fm-api fm-manager; then
        configure_fm
    fi
    if is_service_enabled sysinv-api sysinv-conductor; then
        configure_sysinv
    fi
    if is_service_enabled mtce-agent; then
        configure_mtce
    fi
elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
    if is_service_enabled fm-api fm-manager; then
        init_fm
        start_fm
    fi
    if is_service_enabled sysinv-api sysinv-conductor; then
        init_sysinv
        start_sysinv
    fi
    if is_service_enabled mtce-agent; then
        start_mtce
    fi
fi

if [[ "$1" == "unstack" ]]; then
    if is_service_enabled mtce-agent; then
        stop_mtce
    fi
    if is_service_enabled sysinv-api sysinv-conductor; then
        stop_sysinv
    fi
    if is_service_enabled fm-api fm-manager; then
        stop_fm
    fi
fi
