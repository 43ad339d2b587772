// The free-text redactor: personal numbers and addresses masked in many spellings, ordinary numbers left alone.
import { describe, expect, it } from 'vitest';
import { redactPersonalText } from './redact';

const r = (s: string) => redactPersonalText(s);

describe('redactPersonalText', () => {
  it('masks mainland mobiles however they are written', () => {
    expect(r('请联系我13812345678')).toBe('请联系我***');
    expect(r('电话 138 1234 5678 谢谢')).toBe('电话 *** 谢谢');
    expect(r('138-1234-5678')).toBe('***');
    expect(r('+86 13812345678')).toBe('***');
    expect(r('(+86)139-0000-1111')).toBe('***');
    expect(r('＋86 139 0000 1111。')).toBe('***。');
    expect(r('+8613812345678')).toBe('***');
    expect(r('8613812345678')).toBe('***');
    expect(r('008613812345678')).toBe('***');
    expect(r('手机１３８１２３４５６７８')).toBe('手机***');
    expect(r('tel13812345678')).toBe('tel***');
    expect(r('两个号13812345678、13987654321')).toBe('两个号***、***');
  });

  it('masks landlines, with or without their area code', () => {
    expect(r('座机010-62345678')).toBe('座机***');
    expect(r('0571 8888 1234')).toBe('***');
    expect(r('02188886666')).toBe('***');
    expect(r('家里电话62345678')).toBe('家里电话***');
    expect(r('(010)6234567')).toBe('(010)***');
  });

  it('masks 15- and 18-character ID numbers, with an X check character in either case', () => {
    expect(r('身份证110105194912310021')).toBe('身份证***');
    expect(r('身份证 11010519491231002X，')).toBe('身份证 ***，');
    expect(r('11010519491231002x')).toBe('***');
    expect(r('老证130503670401001')).toBe('老证***');
    expect(r('110105 19491231 0021')).toBe('***');
    expect(r('编号1234567X号')).toBe('编号***X号');
  });

  it('masks bank cards and other long digit runs', () => {
    expect(r('卡号6222021234567890123')).toBe('卡号***');
    expect(r('卡号 6222 0212 3456 7890')).toBe('卡号 ***');
    expect(r('QQ 123456789')).toBe('QQ ***');
  });

  it('masks e-mail addresses', () => {
    expect(r('邮箱 zhang.san@example.com。')).toBe('邮箱 ***。');
    expect(r('13812345678@163.com')).toBe('***');
  });

  it('leaves house numbers, dates, times, case numbers, short numbers and amounts with separators alone', () => {
    const plain = [
      '3号楼2单元1101室门口漏水',
      '2026-11-22 09:30 发现',
      '2026/11/22、2026.11.22 和 2026年11月22日',
      '20261122 巡查',
      '与案件20261122000123重复',
      '拨打12345反映',
      '共12户34人，费用1,234,567元，3.5米',
      '类别A0101',
      '',
    ];
    for (const s of plain) expect(r(s)).toBe(s);
    expect(redactPersonalText(null)).toBeNull();
  });

  it('masks both numbers of the issue example and keeps the words around them', () => {
    expect(r('请联系我 138 0013 8000, 身份证 11010519491231002X')).toBe('请联系我 ***, 身份证 ***');
  });

  it('shows a mobile as staff lists do when asked (staff documents), everything else still whole', () => {
    const text = '联系电话 139 0000 4321，身份证110105194912310021';
    expect(redactPersonalText(text, { partialMobile: true })).toBe('联系电话 139****4321，身份证***');
    expect(redactPersonalText('+86 13900004321', { partialMobile: true })).toBe('139****4321');
  });

  it('keeps the kinds asked for (a reply to the hotline centre keeps contact phones, never ID numbers)', () => {
    const text = '联系王工13812345678或62345678，当事人身份证110105194912310021';
    expect(redactPersonalText(text, { keep: ['mobile', 'landline', 'email'] })).toBe(
      '联系王工13812345678或62345678，当事人身份证***',
    );
  });
});
