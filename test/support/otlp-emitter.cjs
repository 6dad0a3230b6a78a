// Emits log records through the OpenTelemetry logs SDK and an OTLP exporter, in a process of
// its own: the exporters load `http` with a dynamic import(), which Jest's VM cannot run.
// Usage: node otlp-emitter.cjs <json|proto|proto-gzip> <url> <token> <word>
const { SeverityNumber } = require('@opentelemetry/api-logs');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { LoggerProvider, SimpleLogRecordProcessor } = require('@opentelemetry/sdk-logs');

async function main() {
  const [kind, url, token, word] = process.argv.slice(2);
  const options = { url, headers: { Authorization: `Bearer ${token}` }, compression: kind === 'proto-gzip' ? 'gzip' : 'none' };
  const { OTLPLogExporter } = kind === 'json' ? require('@opentelemetry/exporter-logs-otlp-http') : require('@opentelemetry/exporter-logs-otlp-proto');
  const exporter = new OTLPLogExporter(options);
  let failure = null;
  const exportOnce = exporter.export.bind(exporter);
  exporter.export = (logs, done) => exportOnce(logs, (result) => {
    if (result.error) failure = result.error;
    done(result);
  });
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'host.name': 'pod-7', 'deployment.environment.name': 'staging', 'k8s.namespace.name': 'shop' }),
    processors: [new SimpleLogRecordProcessor(exporter)],
  });
  const logger = provider.getLogger('orders', '1.2.3');
  logger.emit({ body: `order placed ${word}`, severityNumber: SeverityNumber.INFO, severityText: 'INFO', attributes: { 'http.request.method': 'post', order_id: 'o-1' } });
  logger.emit({ body: `payment failed ${word}`, severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', attributes: { 'http.response.status_code': 502 } });
  logger.emit({ body: { structured: word, n: 1 }, severityNumber: SeverityNumber.WARN, severityText: 'WARN' });
  await provider.forceFlush();
  await provider.shutdown();
  if (failure) throw failure;
}

main().catch((err) => {
  console.error(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
