import { Module } from '@nestjs/common';
import { PatternsModule } from '../patterns/patterns.module';
import { AnomaliesController } from './anomalies.controller';
import { AnomalyDetector } from './anomaly-detector.service';

/** Anomaly detection over the log read port (and the pattern store, for new patterns); exports AnomalyDetector for alerting. */
@Module({ imports: [PatternsModule], controllers: [AnomaliesController], providers: [AnomalyDetector], exports: [AnomalyDetector] })
export class AnomaliesModule {}
