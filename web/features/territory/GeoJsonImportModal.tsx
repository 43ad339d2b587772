// Grid boundary import: read a GeoJSON file in the browser, preview with a dry run, then confirm.
import { useState } from 'react';
import { Alert, Button, Descriptions, Modal, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useT, type MessageKey } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFeedback } from '../../lib/useFeedback';
import type { GeoJsonImportBody, GeoJsonImportResult, TerritoryNode } from '../../lib/types';
import { useImportGrids } from './api';

type Collection = GeoJsonImportBody['featureCollection'];
type Props = { community: TerritoryNode; onClose: () => void };

const MAX_BYTES = 10 * 1024 * 1024;

/** A file that cannot be imported, with the message to show. */
class FileProblem extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

/** Reads and shape-checks a FeatureCollection; throws a FileProblem on failure. */
async function readCollection(file: File): Promise<Collection> {
  if (file.size > MAX_BYTES) throw new FileProblem('territory.importTooLarge');
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch {
    throw new FileProblem('territory.importNotJson');
  }
  const fc = value as Partial<Collection> | null;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features) || fc.features.length === 0) {
    throw new FileProblem('territory.importNotCollection');
  }
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({ type: 'Feature', properties: f.properties ?? null, geometry: f.geometry })),
  };
}

export function GeoJsonImportModal({ community, onClose }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const run = useImportGrids();
  const [fileName, setFileName] = useState<string | null>(null);
  const [collection, setCollection] = useState<Collection | null>(null);
  const [readError, setReadError] = useState<MessageKey | null>(null);
  const [preview, setPreview] = useState<GeoJsonImportResult | null>(null);

  const onFile = async (file: File) => {
    setReadError(null);
    setPreview(null);
    setFileName(file.name);
    try {
      const fc = await readCollection(file);
      setCollection(fc);
      run.mutate({ communityId: community.id, featureCollection: fc, dryRun: true }, { onSuccess: setPreview });
    } catch (error) {
      setCollection(null);
      setReadError(error instanceof FileProblem ? error.key : 'territory.importNotJson');
    }
  };

  const onConfirm = () => {
    if (!collection) return;
    run.mutate(
      { communityId: community.id, featureCollection: collection, dryRun: false },
      {
        onSuccess: (result) => {
          feedback.ok(t('territory.importDone', { created: result.created, updated: result.updated }));
          onClose();
        },
      },
    );
  };

  const canConfirm = preview !== null && preview.created + preview.updated > 0;
  return (
    <Modal
      open
      title={t('territory.importTitle', { name: community.name })}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!canConfirm} loading={run.isPending && preview !== null} onClick={onConfirm}>
            {t('territory.importConfirm')}
          </Button>
        </Space>
      }
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('territory.importHint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".json,.geojson,application/geo+json,application/json"
        multiple={false}
        showUploadList={false}
        beforeUpload={(file) => {
          void onFile(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{fileName ?? t('territory.importPick')}</p>
      </Upload.Dragger>
      {readError && <Alert type="error" showIcon style={{ marginTop: 12 }} message={t(readError)} />}
      {run.isError && <ErrorAlert error={run.error} style={{ marginTop: 12 }} />}
      {preview && (
        <div style={{ marginTop: 12 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 3 }}
            bordered
            title={t('territory.importPreview')}
            items={[
              { key: 'created', label: t('territory.importCreated'), children: preview.created },
              { key: 'updated', label: t('territory.importUpdated'), children: preview.updated },
              { key: 'errors', label: t('territory.importErrors'), children: preview.errors.length },
            ]}
          />
          {preview.errors.length > 0 && (
            <Table
              style={{ marginTop: 8 }}
              size="small"
              rowKey={(row) => `${row.index}:${row.message}`}
              dataSource={preview.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                {
                  title: t('territory.importFeature'),
                  dataIndex: 'index',
                  width: 90,
                  render: (i: number) => `#${i + 1}`,
                },
                { title: t('territory.importProblem'), dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
