# Turns 'setwork config show --example' into the package's /etc/setwork/setwork.conf: the
# same text for every setting, with the values the service needs set.
1,2c\
# /etc/setwork/setwork.conf: the settings of setwork.service and of every setwork\
# command run on this machine. Made from 'setwork config show --example'.
s|^#db = .*|db = /var/lib/setwork/setwork.db|
s|^#backup_dir = .*|backup_dir = /var/lib/setwork/backups|
