// The identity part of a resident form: document type, number, or the reason there is none; sex and birth date by hand without a citizen ID.
import { Form, Input, Radio, Select } from 'antd';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { chinaToday, ID_KINDS, type IdKind } from './api';

/** `editing`: the number may be left empty to keep the stored one. */
export function IdentityFields({ editing = false }: { editing?: boolean }) {
  const t = useT();
  const form = Form.useFormInstance();
  const kind = (Form.useWatch('idKind', form) as IdKind | undefined) ?? 'resident_id';
  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Form.Item name="idKind" label={t('people.idKind')} rules={[required]}>
        <Select
          options={ID_KINDS.map((k) => ({ value: k, label: t(`people.idKind.${k}`) }))}
          data-testid={TID.createIdKind}
        />
      </Form.Item>
      {kind !== 'none' && (
        <Form.Item
          name="idNumber"
          label={kind === 'resident_id' ? t('people.idNumber') : t('people.docNumber')}
          rules={editing ? [] : [required]}
        >
          <Input
            maxLength={30}
            autoComplete="off"
            placeholder={editing ? t('people.idKeep') : undefined}
            data-testid={TID.createId}
          />
        </Form.Item>
      )}
      {kind === 'none' && (
        <Form.Item name="noIdReason" label={t('people.noIdReason')} rules={[required]}>
          <Input maxLength={100} placeholder={t('people.noIdReasonHint')} />
        </Form.Item>
      )}
      {kind !== 'resident_id' && (
        <>
          <Form.Item name="sex" label={t('people.sex')} rules={[required]}>
            <Radio.Group
              options={(['male', 'female'] as const).map((s) => ({ value: s, label: t(`people.sex.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="birthDate" label={t('people.birthDate')} rules={[required]}>
            <Input type="date" max={chinaToday()} />
          </Form.Item>
        </>
      )}
    </>
  );
}
