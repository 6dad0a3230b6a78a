import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FolderConfigError, readFolderConfig, serviceFromFileName, settingsFor } from './watched-folder-config';

describe('watched folder: service and rule of a file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-folder-config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (config: unknown) => fs.writeFileSync(path.join(dir, '.lognest.json'), typeof config === 'string' ? config : JSON.stringify(config));

  it('names the service after the file, less its dates and rotation numbers', () => {
    expect(serviceFromFileName('payments-2024-12-10.log.1')).toBe('payments');
    expect(serviceFromFileName('nova-api.log.1.2017-05-16_13:53:08')).toBe('nova-api');
    expect(serviceFromFileName('syslog')).toBe('syslog');
    expect(serviceFromFileName('2024-12-10.log')).toBeUndefined();
  });

  it('takes the first matching files entry over the folder, the nearer folder over the upper, any of them over folder and file names', () => {
    write({ service: 'edge', rule: 'saved one', files: [{ match: 'phone-*.txt', service: 'android', rule: { format: 'logcat' } }] });
    const config = readFolderConfig(dir)!;
    expect(settingsFor([config], 'phone-1.txt', 'svc')).toEqual({ service: 'android', rule: { format: 'logcat' } });
    expect(settingsFor([config], 'access.log', 'svc')).toEqual({ service: 'edge', rule: 'saved one' });
    expect(settingsFor([config, { files: [], service: 'inner' }], 'access.log', undefined)).toEqual({ service: 'inner', rule: 'saved one' });
    expect(settingsFor([null], 'checkout.log', 'payments')).toEqual({ service: 'payments' });
    expect(settingsFor([null], 'checkout.log', undefined)).toEqual({ service: 'checkout' });
  });

  it.each([
    ['{not json', /not JSON/],
    [{ service: 7 }, /service/],
    [{ rule: { pattern: '%{NOPE:x}' } }, /rule: pattern: %\{NOPE\}: no such grok pattern \(at position 0\)/],
    [{ files: [{ service: 'x' }] }, /files\[0\]\.match/],
    [{ files: {} }, /files: must be a list/],
  ])('refuses a broken config %p', (config, problem) => {
    write(config);
    expect(() => readFolderConfig(dir)).toThrow(FolderConfigError);
    expect(() => readFolderConfig(dir)).toThrow(problem);
  });

  it('has no config when the folder has no file', () => {
    fs.rmSync(path.join(dir, '.lognest.json'));
    expect(readFolderConfig(dir)).toBeNull();
  });
});
