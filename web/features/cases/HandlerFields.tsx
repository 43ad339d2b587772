// Dispatch target fields (triage, organisation, territory node or mediator, override reason) shared by the dispatch form and
// bulk dispatch. 三事分流: choosing 私事 switches the handler to a named mediator (和事佬) itself, and back again.
import { useEffect } from 'react';
import { Alert, Form, Input, Radio, Select } from 'antd';
import { TRIAGES, type Triage } from '../../../contracts/cases';
import { useT } from '../../app/i18n';
import { TID } from '../../app/testids';
import { OrganisationPicker, type OrganisationOption } from '../organisations/OrganisationPicker';
import { NodePicker, type NodeOption } from '../territory/NodePicker';
import { useMediators, type BulkTarget } from './api';

export type HandlerValues = {
  triage: Triage;
  handlerKind: 'organisation' | 'node' | 'mediator';
  organisation?: OrganisationOption | null;
  node?: NodeOption | null;
  mediatorId?: number | null;
  overrideReason?: string;
  note?: string;
};

/** Server field names mapped onto these form fields (for applyServerErrors). */
export const HANDLER_FIELD_MAP = { organisationId: 'organisation', nodeId: 'node', mediatorId: 'mediatorId' };

/** The request fields of a dispatch from the form values. */
export function handlerTarget(v: HandlerValues): BulkTarget {
  return {
    triage: v.triage,
    organisationId: v.handlerKind === 'organisation' ? v.organisation?.value : undefined,
    nodeId: v.handlerKind === 'node' ? v.node?.value : undefined,
    mediatorId: v.handlerKind === 'mediator' ? (v.mediatorId ?? undefined) : undefined,
    overrideReason: v.handlerKind === 'mediator' ? undefined : v.overrideReason?.trim() || undefined,
  };
}

/** `caseId`: the one case being dispatched, whose mediators may take it as a private matter (bulk dispatch has none). */
type Props = { suggested?: { id: number; name: string } | null; alwaysAskReason?: boolean; caseId?: number };

function MediatorSelect({
  caseId,
  ...props
}: {
  caseId: number;
  value?: number | null;
  onChange?: (v: number) => void;
}) {
  const t = useT();
  const mediators = useMediators(caseId);
  const items = mediators.data?.items ?? [];
  return (
    <Select
      {...props}
      value={props.value ?? undefined}
      loading={mediators.isPending}
      placeholder={t('form.mediatorHint')}
      notFoundContent={mediators.isPending ? undefined : t('form.noMediator')}
      options={items.map((m) => ({
        value: m.id,
        label: `${m.name}（${t(`form.mediatorOf.${m.nodeKind}`, { name: m.nodeName })}）`,
      }))}
      data-testid={TID.dispatchMediator}
    />
  );
}

export function HandlerFields({ suggested, alwaysAskReason = false, caseId }: Props) {
  const t = useT();
  const form = Form.useFormInstance<HandlerValues>();
  const kind = Form.useWatch('handlerKind', form);
  const triage = Form.useWatch('triage', form);
  const organisation = Form.useWatch('organisation', form);
  const mediators = useMediators(caseId ?? 0, caseId != null);
  const privateMatter = triage === 'private';
  // The triage decides the kind of handler: a private matter is mediated by a person, the others go to a unit or level.
  useEffect(() => {
    if (privateMatter) {
      // The grid's own mediator comes first: chosen unless the dispatcher picks another.
      const first = mediators.data?.items[0]?.id;
      const mediatorId = (form.getFieldValue('mediatorId') as number | null | undefined) ?? first ?? null;
      if (kind !== 'mediator' || (mediatorId != null && form.getFieldValue('mediatorId') == null))
        form.setFieldsValue({ handlerKind: 'mediator', mediatorId, overrideReason: '' });
    } else if (kind === 'mediator') {
      form.setFieldsValue({
        handlerKind: 'organisation',
        organisation: suggested ? { value: suggested.id, label: suggested.name } : null,
      });
    }
  }, [privateMatter, kind, form, suggested, mediators.data]);
  const differs =
    !privateMatter && suggested != null && (kind !== 'organisation' || organisation?.value !== suggested.id);
  const askReason = !privateMatter && (alwaysAskReason || differs);
  return (
    <>
      {privateMatter && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('form.privateToMediator')} />
      )}
      {suggested !== undefined && !privateMatter && (
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
          // Bulk dispatch sends many cases to one handler; a private matter goes to its own mediator, one case at a time.
          options={TRIAGES.filter((x) => caseId != null || x !== 'private').map((x) => ({
            value: x,
            label: t(`triage.${x}`),
          }))}
          data-testid={TID.dispatchTriage}
        />
      </Form.Item>
      <Form.Item name="handlerKind" label={t('form.handlerKind')} hidden={privateMatter}>
        <Radio.Group
          options={[
            { value: 'organisation', label: t('form.handlerOrganisation') },
            { value: 'node', label: t('form.handlerNode') },
          ]}
        />
      </Form.Item>
      {kind === 'mediator' && caseId != null ? (
        <Form.Item
          name="mediatorId"
          label={t('form.mediator')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <MediatorSelect caseId={caseId} />
        </Form.Item>
      ) : kind === 'node' ? (
        <Form.Item
          name="node"
          label={t('form.handlerNode')}
          rules={[{ required: true, message: t('common.required') }]}
        >
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
