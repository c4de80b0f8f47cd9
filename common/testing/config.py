"""Writing a service's config file for a test process."""
import configparser


def write_config(path, sections):
    """Write ``{section: {option: value}}`` as an oslo.config ini file."""
    parser = configparser.ConfigParser(interpolation=None)
    for section, values in sections.items():
        parser[section] = {k: str(v) for k, v in values.items()
                           if v is not None}
    with open(path, 'w') as handle:
        parser.write(handle)
    return path
