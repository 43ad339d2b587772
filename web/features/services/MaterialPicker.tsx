// One material's files: photos from the camera or gallery, or a PDF, uploaded at once and listed by name.
import { useRef, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { errorMessage } from '../../lib/api';
import { useFeedback } from '../../lib/useFeedback';
import { uploadMaterial } from './api';

export type PickedFile = { id: string; name: string };

export function MaterialPicker({
  value,
  onChange,
  testId,
}: {
  value: PickedFile[];
  onChange: (files: PickedFile[]) => void;
  testId: string;
}) {
  const t = useT();
  const feedback = useFeedback();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const add = async (files: FileList | null) => {
    setBusy(true);
    let next = value;
    for (const f of Array.from(files ?? [])) {
      try {
        const stored = await uploadMaterial(f, f.name);
        next = [...next, { id: stored.id, name: f.name }];
        onChange(next);
      } catch (error) {
        feedback.fail(new Error(errorMessage(error)));
      }
    }
    setBusy(false);
    if (input.current) input.current.value = '';
  };
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      {value.map((f) => (
        <Typography.Text key={f.id} type="success">
          <PaperClipOutlined /> {f.name}
        </Typography.Text>
      ))}
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        multiple
        hidden
        data-testid={testId}
        onChange={(e) => void add(e.target.files)}
      />
      <Button loading={busy} onClick={() => input.current?.click()} icon={<PaperClipOutlined />}>
        {t('svc.pickFile')}
      </Button>
    </Space>
  );
}
