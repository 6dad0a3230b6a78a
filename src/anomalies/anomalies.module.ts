import { Module } from '@nestjs/common';
import { AnomaliesController } from './anomalies.controller';
import { AnomalyDetector } from './anomaly-detector.service';

/** Anomaly detection over the log read port; exports AnomalyDetector for alerting. */
@Module({ controllers: [AnomaliesController], providers: [AnomalyDetector], exports: [AnomalyDetector] })
export class AnomaliesModule {}
