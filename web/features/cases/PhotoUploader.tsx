// Photo picking from the gallery or camera: downscaled on the device, uploaded one by one, shown as removable thumbnails.
import { useRef, useState } from 'react';
import { Button, Image, Space, Typography } from 'antd';
import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { downscaleImage, PhotoUnreadable } from '../../lib/downscaleImage';
import { useFeedback } from '../../lib/useFeedback';
import { errorMessage } from '../../lib/api';
import { photoUrl, uploadPhoto } from './api';

export type DraftPhoto = { id: string; thumbUrl: string };
export const MAX_PHOTOS = 9;

type Props = { value?: DraftPhoto[]; onChange?: (photos: DraftPhoto[]) => void; testId?: string };

export function PhotoUploader({ value = [], onChange, testId = TID.reportPhotos }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const pick = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const latest = useRef(value);
  latest.current = value;
  const [uploading, setUploading] = useState(0);

  const add = async (files: FileList | null) => {
    const list = Array.from(files ?? []).slice(0, MAX_PHOTOS - latest.current.length);
    setUploading(list.length);
    for (const file of list) {
      try {
        const jpeg = await downscaleImage(file);
        const stored = await uploadPhoto(jpeg, file.name.replace(/\.\w+$/, '') + '.jpg');
        onChange?.([...latest.current, { id: stored.id, thumbUrl: stored.thumbUrl }]);
        latest.current = [...latest.current, { id: stored.id, thumbUrl: stored.thumbUrl }];
      } catch (error) {
        const reason =
          error instanceof PhotoUnreadable ? t(`report.photoProblem.${error.problem}`) : errorMessage(error);
        feedback.fail(new Error(t('report.photoFailed', { reason })));
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (pick.current) pick.current.value = '';
    if (camera.current) camera.current.value = '';
  };

  const full = value.length >= MAX_PHOTOS;
  return (
    <div data-testid={testId} data-count={value.length}>
      <Image.PreviewGroup>
        <Space wrap size={8} style={{ marginBottom: value.length ? 8 : 0 }}>
          {value.map((photo) => (
            <div key={photo.id} style={{ position: 'relative' }}>
              <Image
                src={photo.thumbUrl}
                preview={{ src: photoUrl(photo.id) }}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 6 }}
                alt=""
              />
              <Button
                size="small"
                shape="circle"
                danger
                icon={<CloseOutlined />}
                aria-label={t('report.removePhoto')}
                onClick={() => onChange?.(value.filter((p) => p.id !== photo.id))}
                style={{ position: 'absolute', top: -6, right: -6 }}
              />
            </div>
          ))}
        </Space>
      </Image.PreviewGroup>
      <Space wrap>
        <Button
          icon={<PictureOutlined />}
          disabled={full}
          loading={uploading > 0}
          onClick={() => pick.current?.click()}
        >
          {uploading > 0 ? t('report.uploading') : t('report.pickPhoto')}
        </Button>
        <Button icon={<CameraOutlined />} disabled={full || uploading > 0} onClick={() => camera.current?.click()}>
          {t('report.takePhoto')}
        </Button>
        {value.length > 0 && (
          <Typography.Text type="secondary">
            {value.length} / {MAX_PHOTOS}
          </Typography.Text>
        )}
      </Space>
      <input
        ref={pick}
        type="file"
        accept="image/*"
        multiple
        style={{ display: 'none' }}
        onChange={(e) => void add(e.target.files)}
        data-testid={TID.reportPhotoInput}
      />
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        style={{ display: 'none' }}
        onChange={(e) => void add(e.target.files)}
        data-testid={TID.reportCameraInput}
      />
    </div>
  );
}
