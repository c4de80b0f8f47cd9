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

if [[ "$1" == "stack" && "$2" == "install" ]]; then
    install_flock
elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
    if is_service_enabled fm-api fm-manager; then
        configure_fm
    fi
elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
    if is_service_enabled fm-api fm-manager; then
        init_fm
        start_fm
    fi
fi

if [[ "$1" == "unstack" ]]; then
    if is_service_enabled fm-api fm-manager; then
        stop_fm
    fi
fi
