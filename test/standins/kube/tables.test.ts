import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { Catalogue } from './catalogue';
import { buildTable, humanDuration, rowCells } from './tables';
import type { KubeObject } from './types';

const fixture = (name: string): KubeObject => YAML.parse(readFileSync(path.join(__dirname, '../../fixtures/crs', name), 'utf8'));
const def = (apiVersion: string, kind: string) => Catalogue.byApiVersion(apiVersion, kind)!;
const now = new Date('2026-08-25T00:00:00Z');

describe('table rows', () => {
  it('legacy TrainingJob: raw RFC 3339 creation time (string column with format date)', () => {
    const o = fixture('legacy-trainingjob-inprogress.yaml');
    expect(rowCells(def('sagemaker.aws.amazon.com/v1', 'TrainingJob'), o, now)).toEqual([
      'xgboost-mnist',
      'InProgress',
      'Training',
      '2022-05-03T08:02:11Z',
      'xgboost-mnist-6f3b2c1e8d4a4e7b9c210a5e7d3f9b84',
    ]);
  });

  it('legacy HPO: numbers are numbers', () => {
    const o = fixture('legacy-hyperparametertuningjob-completed.yaml');
    expect(rowCells(def('sagemaker.aws.amazon.com/v1', 'HyperparameterTuningJob'), o, now)).toEqual([
      'xgboost-mnist-hpo',
      'Completed',
      '2022-05-03T09:13:58Z',
      8,
      0,
      0,
      2,
      '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41',
      '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61',
    ]);
  });

  it('missing paths are null (ACK unreconciled: no status at all)', () => {
    const o = fixture('ack-trainingjob-unreconciled.yaml');
    expect(rowCells(def('sagemaker.services.k8s.aws/v1alpha1', 'TrainingJob'), o, now)).toEqual(['llama-lora-sft', null, null, null]);
    const failed = fixture('ack-trainingjob-failed.yaml');
    const cells = rowCells(def('sagemaker.services.k8s.aws/v1alpha1', 'TrainingJob'), failed, now);
    expect(cells[0]).toBe('bert-sentiment');
    expect(String(cells[1]).startsWith('AlgorithmError: ExecuteUserScriptError:\n')).toBe(true);
    expect(cells.slice(2)).toEqual(['Failed', 'Failed']);
  });

  it('a CRD without columns gets an Age cell computed by the server', () => {
    const o: KubeObject = { apiVersion: 'sagemaker.services.k8s.aws/v1alpha1', kind: 'Model', metadata: { name: 'm', creationTimestamp: '2026-08-24T21:00:00Z' } };
    expect(rowCells(def('sagemaker.services.k8s.aws/v1alpha1', 'Model'), o, now)).toEqual(['m', '3h']);
  });

  it('whole Table: PartialObjectMetadata rows with namespace; includeObject None and Object', () => {
    const o = fixture('ack-trainingjob-inprogress.yaml');
    const d = def('sagemaker.services.k8s.aws/v1alpha1', 'TrainingJob');
    const t = buildTable(d, [o], { now, include: 'Metadata', metaVersion: 'v1', metadata: { resourceVersion: '7' } });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '7' });
    expect(t.rows[0]!.cells).toEqual(['resnet50-finetune', null, 'Training', 'InProgress']);
    expect(t.rows[0]!.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'resnet50-finetune', namespace: 'ml-team', creationTimestamp: '2026-08-20T10:15:02Z' } });
    expect(buildTable(d, [o], { now, include: 'None', metaVersion: 'v1', metadata: {} }).rows[0]!.object).toBeUndefined();
    expect(buildTable(d, [o], { now, include: 'Object', metaVersion: 'v1beta1', metadata: {} }).rows[0]!.object).toBe(o);
    expect(buildTable(d, [o], { now, include: 'None', metaVersion: 'v1', metadata: {}, noHeaders: true }).columnDefinitions).toBeNull();
  });

  it('core namespaces and endpoints use the built-in printers', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ml-team', creationTimestamp: '2026-08-24T23:59:00Z' }, status: { phase: 'Active' } };
    expect(rowCells(def('v1', 'Namespace'), ns, now)).toEqual(['ml-team', 'Active', '60s']);
    const ep: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'svc', creationTimestamp: '2026-08-20T00:00:00Z' },
      subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }],
    };
    expect(rowCells(def('v1', 'Endpoints'), ep, now)).toEqual(['svc', '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...', '5d']);
    expect(rowCells(def('v1', 'Endpoints'), { ...ep, subsets: [] }, now)[1]).toBe('<none>');
  });

  it('humanDuration matches apimachinery', () => {
    const s = 1000;
    expect([0, 59, 119, 120, 150, 600, 10799, 10800, 8 * 3600, 47 * 3600, 49 * 3600, 30 * 86400, 800 * 86400, 3650 * 86400].map((x) => humanDuration(x * s))).toEqual([
      '0s',
      '59s',
      '119s',
      '2m',
      '2m30s',
      '10m',
      '179m',
      '3h',
      '8h',
      '47h',
      '2d1h',
      '30d',
      '2y70d',
      '10y',
    ]);
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-5000)).toBe('<invalid>');
  });
});
