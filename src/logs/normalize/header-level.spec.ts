import { detectHeaderLevel } from './header-level';
import { findHeaderTimestamp } from './header-timestamp';

const NOW = Date.UTC(2026, 11, 1, 12);
const level = (line: string) => {
  const found = findHeaderTimestamp(line, NOW);
  if (found === null) throw new Error(`no timestamp in ${line}`);
  return detectHeaderLevel(line, found);
};

describe('detectHeaderLevel', () => {
  it.each([
    ['081109 203615 148 INFO dfs.DataNode$PacketResponder: x', 'INFO'],
    ['03-17 16:13:38.811  1702  2395 V Tag: x', 'TRACE'],
    ['03-17 16:13:38.811  1702  2395 D Tag: x', 'DEBUG'],
    ['03-17 16:13:38.811  1702  2395 I Tag: x', 'INFO'],
    ['03-17 16:13:38.811  1702  2395 W Tag: x', 'WARNING'],
    ['03-17 16:13:38.811  1702  2395 E AndroidRuntime: FATAL EXCEPTION: main', 'ERROR'],
    ['03-17 16:13:38.811  1702  2395 F libc    : Fatal signal 6', 'CRITICAL'],
    ['03-17 16:13:38.811 W/ActivityManager( 1702): x', 'WARNING'],
    ['2016-09-28 04:30:31, Info                  CBS    Warning: Unrecognized packageExtended attribute.', 'INFO'],
    ['2016-09-29 00:00:55, Warning               CBS    Expanded manifest', 'WARNING'],
    ['10-Dec-2024 06:55:47.456 SEVERE [main] org.apache.catalina.core.StandardContext x', 'ERROR'],
    ['- 1118769158 2005.06.14 R02-M1 x', null],
    ['2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]] - x', 'INFO'],
    ['[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708] x', 'ERROR'],
    ['2024/12/10 06:55:47 [notice] 1#1: signal process started', 'INFO'],
    ['2024-12-10 06:55:46.123 UTC [12345] LOG:  database system is ready', 'INFO'],
    ['2024-12-10T06:55:46.123456Z 0 [Note] [MY-010116] [Server] x', 'INFO'],
    ['2024-12-10T06:55:46.123+0000 W  CONTROL  [initandlisten] x', 'WARNING'],
    ['1:M 10 Dec 2024 06:55:47.000 # WARNING overcommit_memory is set to 0!', 'WARNING'],
    ['1:M 10 Dec 2024 06:55:46.123 * Ready to accept connections tcp', 'INFO'],
    ['Dec 10 2024 06:55:47: %ASA-3-710003: TCP access denied', 'ERROR'],
    ['<34>Oct 11 22:14:15 mymachine su: x', 'CRITICAL'],
    ['<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc', 'INFO'],
    ['E0917 10:31:09.562891       1 reflector.go:138] x', 'ERROR'],
    ['INFO  [main] 2024-12-10 06:55:46,123 CassandraDaemon.java:123 - x', 'INFO'],
    ['[W 241210 06:55:47 web:2243] 404 GET /missing', 'WARNING'],
    ['E, [2024-12-10T06:55:47.000001 #12345] ERROR -- : boom', 'ERROR'],
    ['2024-12-10 06:55:46 web01 sshd[42]: Accepted publickey', null],
    ['2024-12-10T06:55:46.123Z stdout F {"level":"info"}', null],
  ])('%s', (line, expected) => {
    expect(level(line)).toBe(expected);
  });
});
