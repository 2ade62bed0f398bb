import {
  leadDescribeSchema,
  type LeadDescribe,
} from '../../src-main/core/salesforce/lead-describe';
import { readSalesforceFixture } from './salesforce-fixtures';

function customField(name: string, type: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    label: name.replace(/__c$/, '').replaceAll('_', ' '),
    type,
    calculated: false,
    picklistValues: [],
    ...extra,
  };
}

function picklist(values: string[]) {
  return values.map((value) => ({ value, label: value, active: true, defaultValue: false }));
}

/**
 * Lead as a real org describes it (the captured fixture), plus the custom field types the
 * fixture lacks: a multi-select picklist, a percent, and a formula field.
 */
export function channelTestDescribe(): LeadDescribe {
  const real = leadDescribeSchema.parse(readSalesforceFixture('lead-describe.json'));
  return {
    ...real,
    fields: [
      ...real.fields,
      customField('Interests__c', 'multipicklist', {
        picklistValues: picklist(['Analytics', 'Billing', 'CRM', 'crm', 'Data']),
      }),
      customField('Discount__c', 'percent'),
      customField('Lead_Age__c', 'double', {
        calculated: true,
        calculatedFormula: 'TODAY() - DATEVALUE(CreatedDate)',
      }),
    ],
  };
}
