/** XML as a plain tree of elements (name, attributes, children in order), read with fast-xml-parser. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fail } from '../errors.ts';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, unknown> };

function toElement(node: Ordered): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@' && !k.startsWith('#') && !k.startsWith('?'));
  if (!name) return null;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node[':@'] ?? {})) attrs[k] = String(v);
  const kids = Array.isArray(node[name]) ? (node[name] as Ordered[]) : [];
  return { name, attrs, children: kids.map(toElement).filter((e): e is XmlElement => e !== null) };
}

/** The document's root element; throws `handoff.cut_unreadable` naming the line of malformed XML. */
export function readXml(text: string, what: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) fail('handoff.cut_unreadable', `The ${what} is not well-formed XML at line ${valid.err.line}: ${valid.err.msg}`, 'file');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseAttributeValue: false, parseTagValue: false, trimValues: true });
  const nodes = parser.parse(text) as Ordered[];
  const root = nodes.map(toElement).find((e) => e !== null);
  if (!root) fail('handoff.cut_unreadable', `The ${what} has no root element.`, 'file');
  return root;
}
