// Dispatch target fields (triage, organisation or territory node, override reason) shared by the dispatch form and bulk dispatch.
import { Alert, Form, Input, Radio } from 'antd';
import { TRIAGES, type Triage } from '../../../contracts/cases';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { OrganisationPicker, type OrganisationOption } from '../organisations/OrganisationPicker';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import type { BulkTarget } from './api';

export type HandlerValues = {
  triage: Triage;
  handlerKind: 'organisation' | 'node';
  organisation?: OrganisationOption | null;
  node?: NodeOption | null;
  overrideReason?: string;
  note?: string;
};

/** Server field names mapped onto these form fields (for applyServerErrors). */
export const HANDLER_FIELD_MAP = { organisationId: 'organisation', nodeId: 'node' };

/** The request fields of a dispatch from the form values. */
export function handlerTarget(v: HandlerValues): BulkTarget {
  return {
    triage: v.triage,
    organisationId: v.handlerKind === 'organisation' ? v.organisation?.value : undefined,
    nodeId: v.handlerKind === 'node' ? v.node?.value : undefined,
    overrideReason: v.overrideReason?.trim() || undefined,
  };
}

type Props = { suggested?: { id: number; name: string } | null; alwaysAskReason?: boolean };

export function HandlerFields({ suggested, alwaysAskReason = false }: Props) {
  const t = useT();
  const form = Form.useFormInstance<HandlerValues>();
  const kind = Form.useWatch('handlerKind', form);
  const organisation = Form.useWatch('organisation', form);
  const differs = suggested != null && (kind !== 'organisation' || organisation?.value !== suggested.id);
  const askReason = alwaysAskReason || differs;
  return (
    <>
      {suggested !== undefined && (
        <Alert
          type={suggested ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={suggested ? t('form.suggested', { name: suggested.name }) : t('form.noSuggestion')}
        />
      )}
      <Form.Item name="triage" label={t('form.triage')} rules={[{ required: true, message: t('common.required') }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={TRIAGES.map((x) => ({ value: x, label: t(`triage.${x}`) }))}
          data-testid={TID.dispatchTriage}
        />
      </Form.Item>
      <Form.Item name="handlerKind" label={t('form.handlerKind')}>
        <Radio.Group
          options={[
            { value: 'organisation', label: t('form.handlerOrganisation') },
            { value: 'node', label: t('form.handlerNode') },
          ]}
        />
      </Form.Item>
      {kind === 'node' ? (
        <Form.Item name="node" label={t('form.handlerNode')} rules={[{ required: true, message: t('common.required') }]}>
          <NodePicker kinds={['street', 'community', 'grid']} testId={TID.dispatchNode} />
        </Form.Item>
      ) : (
        <Form.Item
          name="organisation"
          label={t('form.handler')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <OrganisationPicker testId={TID.dispatchOrg} />
        </Form.Item>
      )}
      {askReason && (
        <Form.Item
          name="overrideReason"
          label={t('form.overrideReason')}
          rules={differs ? [{ required: true, whitespace: true, message: t('common.required') }] : []}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid={TID.dispatchOverride} />
        </Form.Item>
      )}
    </>
  );
}
