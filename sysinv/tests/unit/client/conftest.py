import pytest

ENV = ('OS_AUTH_URL', 'OS_USERNAME', 'OS_PASSWORD', 'OS_PROJECT_NAME',
       'OS_PROJECT_ID', 'OS_TENANT_NAME', 'OS_TENANT_ID', 'OS_AUTH_TOKEN',
       'OS_REGION_NAME', 'OS_INTERFACE', 'OS_ENDPOINT_TYPE', 'SYSTEM_URL',
       'SYSTEMCLIENT_DEBUG', 'SYSTEM_TIMEOUT', 'OS_USER_DOMAIN_NAME',
       'OS_PROJECT_DOMAIN_NAME', 'OS_USER_DOMAIN_ID', 'OS_PROJECT_DOMAIN_ID',
       'OS_SERVICE_TYPE', 'OS_CACERT', 'OS_CERT', 'OS_KEY',
       'SYSTEM_API_VERSION', 'SYSTEMCLIENT_INSECURE', 'CLI_CONFIRMATIONS')


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """No credentials from the environment; a wide, fixed terminal."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('COLUMNS', '250')
    monkeypatch.setenv('TZ', 'UTC')


def one_line_error(capsys, status, expected_status=1):
    out, err = capsys.readouterr()
    assert status == expected_status, (out, err)
    assert err.count('\n') == 1, err
    assert 'Traceback' not in err
    return err.strip()
