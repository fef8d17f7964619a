import { BindingIndex, serves } from './bindings';
import type { Binding, NamespaceLabels } from './bindings';

const shop: Binding = { name: 'shop', spec: { roleArn: 'arn:aws:iam::210987654321:role/cognito-shop', namespaceSelector: { matchLabels: { team: 'shop' } } } };
const blog: Binding = { name: 'blog', spec: { roleArn: 'arn:aws:iam::111122223333:role/cognito-blog', namespaces: ['blog'] } };
const also: Binding = { name: 'also-blog', spec: { roleArn: 'arn:aws:iam::444455556666:role/x', namespaces: ['blog'] } };

function namespaces(...list: NamespaceLabels[]): Map<string, NamespaceLabels> {
  return new Map(list.map((n) => [n.name, n]));
}

describe('serves', () => {
  const cases: { name: string; binding: Binding; ns: NamespaceLabels; want: boolean }[] = [
    { name: 'by name', binding: blog, ns: { name: 'blog', labels: {} }, want: true },
    { name: 'another name', binding: blog, ns: { name: 'shop', labels: {} }, want: false },
    { name: 'by labels', binding: shop, ns: { name: 'shop-a', labels: { team: 'shop', x: 'y' } }, want: true },
    { name: 'label value differs', binding: shop, ns: { name: 'shop-a', labels: { team: 'blog' } }, want: false },
    { name: 'label missing', binding: shop, ns: { name: 'shop-a', labels: {} }, want: false },
  ];
  it.each(cases)('$name', ({ binding, ns, want }) => expect(serves(binding, ns)).toBe(want));
});

describe('BindingIndex', () => {
  const index = new BindingIndex([shop, blog, also], namespaces({ name: 'shop-a', labels: { team: 'shop' } }, { name: 'other', labels: {} }));

  it('chooses the one binding that serves a namespace, with its account', () => {
    expect(index.choose('shop-a')).toEqual({ kind: 'one', binding: shop, accountId: '210987654321' });
  });
  it('chooses none for a namespace no binding serves', () => {
    expect(index.choose('other')).toEqual({ kind: 'none' });
  });
  it('names every binding of an ambiguous namespace', () => {
    expect(index.choose('blog')).toEqual({ kind: 'many', names: ['also-blog', 'blog'] });
  });
  it('lists what each binding serves', () => {
    expect(index.servedBy('shop')).toEqual(['shop-a']);
    expect(index.servedBy('blog')).toEqual(['blog']);
  });
  it('changes a namespace’s signature when its binding’s role changes', () => {
    const moved = new BindingIndex([{ ...shop, spec: { ...shop.spec, roleArn: 'arn:aws:iam::999999999999:role/x' } }, blog, also], namespaces({ name: 'shop-a', labels: { team: 'shop' } }));
    expect(moved.signature('shop-a')).not.toEqual(index.signature('shop-a'));
    expect(moved.signature('blog')).toEqual(index.signature('blog'));
  });
});
