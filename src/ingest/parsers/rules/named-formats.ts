// The formats a parsing rule can name instead of writing a pattern: grok patterns over
// GROK_LIBRARY for the layouts their projects document, with the timestamp format where the
// header detection could not know it (no year, no separators). Field names are the canonical
// record's aliases (`timestamp`, `level`, `message`, `host`, `client_ip`, `status_code`, …);
// the others are kept in `fields`.

export interface NamedFormat {
  pattern: string;
  timestampFormat?: string;
  description: string;
  example: string;
}

export const NAMED_FORMATS: Readonly<Record<string, NamedFormat>> = {
  syslog: {
    pattern: String.raw`^(?:<%{NONNEGINT:priority:int}>)?%{SYSLOGTIMESTAMP:timestamp} %{SYSLOGHOST:host} %{PROG:program}(?:\[%{POSINT:pid:int}\])?: %{GREEDYDATA:message}`,
    description: 'BSD syslog (RFC 3164) as /var/log/syslog and rsyslog write it',
    example: 'Dec 10 06:55:46 web01 sshd[4242]: Failed password for root from 10.0.0.5 port 22',
  },
  syslog_rfc5424: {
    pattern: String.raw`^<%{NONNEGINT:priority:int}>1 %{TIMESTAMP_ISO8601:timestamp} %{NOTSPACE:host} %{NOTSPACE:program} %{NOTSPACE:pid} %{NOTSPACE:msgid} (?:-|\[.*?\]) ?%{GREEDYDATA:message}`,
    description: 'syslog RFC 5424',
    example: '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 - An application event',
  },
  apache_error: {
    pattern: String.raw`^\[%{HTTPDERROR_DATE:timestamp}\] \[(?:%{WORD:module}:)?%{LOGLEVEL:level}\](?: \[pid %{POSINT:pid:int}(?::tid %{INT:tid:int})?\])?(?: \[client %{IPORHOST:client_ip}(?::%{POSINT:client_port:int})?\])? %{GREEDYDATA:message}`,
    description: 'Apache httpd error log (2.2 and 2.4)',
    example: '[Sun Dec 04 04:47:44 2005] [error] [client 10.0.0.5] File does not exist: /var/www/favicon.ico',
  },
  apache_access: {
    pattern: String.raw`^%{IPORHOST:client_ip} %{NOTSPACE:ident} %{NOTSPACE:user_id} \[%{HTTPDATE:timestamp}\] "(?:%{WORD:method} %{NOTSPACE:endpoint}(?: HTTP/%{NUMBER:http_version})?|%{DATA:request})" %{INT:status_code:int} (?:%{INT:bytes:int}|-)(?: "%{DATA:referrer}" "%{DATA:user_agent}")?`,
    timestampFormat: 'dd/MMM/yyyy:HH:mm:ss Z',
    description: 'Apache common or combined access log',
    example: '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  },
  nginx_access: {
    pattern: String.raw`^%{IPORHOST:client_ip} - %{NOTSPACE:user_id} \[%{HTTPDATE:timestamp}\] "(?:%{WORD:method} %{NOTSPACE:endpoint}(?: HTTP/%{NUMBER:http_version})?|%{DATA:request})" %{INT:status_code:int} %{INT:bytes:int} "%{DATA:referrer}" "%{DATA:user_agent}"(?: "%{DATA:forwarded_for}")?`,
    timestampFormat: 'dd/MMM/yyyy:HH:mm:ss Z',
    description: "nginx access log, log_format combined (the default)",
    example: '10.0.0.5 - - [10/Dec/2024:06:55:46 +0000] "GET /api/products/42 HTTP/1.1" 200 512 "-" "curl/8.5.0"',
  },
  nginx_error: {
    pattern: String.raw`^%{NGINXERROR_DATE:timestamp} \[%{LOGLEVEL:level}\] %{POSINT:pid:int}#%{NONNEGINT:tid:int}: (?:\*%{NONNEGINT:connection:int} )?%{GREEDYDATA:message}`,
    timestampFormat: 'yyyy/MM/dd HH:mm:ss',
    description: 'nginx error log',
    example: '2024/12/10 06:55:46 [error] 1234#0: *5 open() "/usr/share/nginx/html/x" failed (2: No such file or directory)',
  },
  log4j: {
    pattern: String.raw`^%{TIMESTAMP_ISO8601:timestamp} +(?:\[%{JAVATHREAD:thread}\] +%{LOGLEVEL:level}|%{LOGLEVEL:level} +\[%{JAVATHREAD:thread}\]) +%{JAVACLASS:logger}(?: +-|:) %{GREEDYDATA:message}`,
    description: 'log4j / logback PatternLayout `%d [%t] %-5p %c - %m` (or level before thread)',
    example: '2024-12-10 06:55:46,123 [main] INFO  com.example.App - Started in 2.1 s',
  },
  logcat: {
    pattern: String.raw`^%{LOGCAT_DATE:timestamp} +%{INT:pid:int} +%{INT:tid:int} %{LETTERLEVEL:level} %{DATA:tag} ?: %{GREEDYDATA:message}`,
    timestampFormat: 'MM-dd HH:mm:ss.SSS',
    description: 'Android logcat -v threadtime (no year: the latest one not in the future)',
    example: '03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs',
  },
  klog: {
    pattern: String.raw`^%{LETTERLEVEL:level}%{KLOG_DATE:timestamp} +%{INT:thread_id:int} %{NOTSPACE:source_file}:%{INT:source_line:int}\] %{GREEDYDATA:message}`,
    timestampFormat: 'MMdd HH:mm:ss.SSSSSS',
    description: 'Kubernetes klog / glog (no year)',
    example: 'I1210 06:55:46.123456    4242 controller.go:117] Starting EndpointSlice controller',
  },
  python: {
    pattern: String.raw`^%{TIMESTAMP_ISO8601:timestamp} - %{NOTSPACE:logger} - %{LOGLEVEL:level} - %{GREEDYDATA:message}`,
    description: "Python logging '%(asctime)s - %(name)s - %(levelname)s - %(message)s'",
    example: '2024-12-10 06:55:46,123 - payments.worker - WARNING - retrying charge 42',
  },
  hdfs: {
    pattern: String.raw`^%{HDFS_DATE:timestamp} %{INT:pid:int} %{LOGLEVEL:level} %{NOTSPACE:component}: %{GREEDYDATA:message}`,
    timestampFormat: 'yyMMdd HHmmss',
    description: 'Hadoop HDFS (yyMMdd HHmmss pid LEVEL component: message)',
    example: '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating',
  },
  spark: {
    pattern: String.raw`^%{SPARK_DATE:timestamp} %{LOGLEVEL:level} %{NOTSPACE:component}: %{GREEDYDATA:message}`,
    timestampFormat: 'yy/MM/dd HH:mm:ss',
    description: 'Apache Spark / Hadoop YARN console (yy/MM/dd HH:mm:ss LEVEL class: message)',
    example: '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers',
  },
};

export const NAMED_FORMAT_NAMES = Object.keys(NAMED_FORMATS);
