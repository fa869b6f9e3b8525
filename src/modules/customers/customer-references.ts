import { Inject, Injectable } from '@nestjs/common';
import { type FieldError, NotFoundError } from '@libs/core';
import { requireCompanyId } from '@libs/persistence';
import { CompaniesService } from '../companies';
import { MembershipDirectory } from '../identity';
import { ReferenceService } from '../reference';
import { CustomersRepository } from './customers.repository';
import { CustomersErrorCode, invalidField, invalidFields, referenceNotFound } from './customers.errors';
import type { TagSummaryDto } from './dto/tag.dto';
import { TagsRepository } from './tags.repository';

/**
 * Resolves what a customer body names outside the customer itself, each failure a 400 naming the
 * field (SPEC §0): the organization (a live business of the company, not itself), the owner (an
 * active member), tags (of the company's catalogue), countries (reference data), and the company's
 * country, the default region of national phone numbers.
 */
@Injectable()
export class CustomerReferences {
  constructor(
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(TagsRepository) private readonly tags: TagsRepository,
    @Inject(MembershipDirectory) private readonly members: MembershipDirectory,
    @Inject(ReferenceService) private readonly reference: ReferenceService,
    @Inject(CompaniesService) private readonly companies: CompaniesService,
  ) {}

  /** `organizationId` of a person (`selfId` null while creating it; kinds are checked by the caller). */
  async assertOrganization(organizationId: string, selfId: string | null): Promise<void> {
    if (organizationId === selfId)
      throw invalidField('organizationId', 'a customer cannot be its own organization');
    const organization = await this.customers.findReference(organizationId);
    if (!organization || organization.deletedAt) throw referenceNotFound('organizationId', 'The customer');
    if (organization.kind !== 'business') throw invalidField('organizationId', 'must be a business customer');
  }

  async assertOwner(ownerId: string): Promise<void> {
    if (!(await this.members.isActiveMember(ownerId, requireCompanyId()))) {
      throw invalidField(
        'ownerId',
        'is not an active member of the company',
        CustomersErrorCode.ReferenceNotFound,
      );
    }
  }

  /** The tags named by `ids` (in the order of `ids`); unknown ones -> 400 naming `<path>[i]`. */
  async tagsOf(ids: readonly string[], path = 'tagIds'): Promise<TagSummaryDto[]> {
    const found = new Map((await this.tags.summariesOf(ids)).map((t) => [t.id, t]));
    const errors: FieldError[] = ids.flatMap((id, i) =>
      found.has(id)
        ? []
        : [
            {
              path: `${path}[${i}]`,
              code: CustomersErrorCode.ReferenceNotFound,
              message: 'The tag does not exist',
            },
          ],
    );
    if (errors.length) throw invalidFields(errors);
    return ids.map((id) => found.get(id) as TagSummaryDto);
  }

  /** Every `[path, code]` must be a country of the reference data; all unknown ones in one 400. */
  async assertCountries(codes: ReadonlyArray<[path: string, code: string]>): Promise<void> {
    const known = new Map<string, boolean>();
    for (const code of new Set(codes.map(([, c]) => c))) known.set(code, await this.countryExists(code));
    const errors: FieldError[] = codes
      .filter(([, code]) => !known.get(code))
      .map(([path]) => ({
        path,
        code: CustomersErrorCode.ReferenceNotFound,
        message: 'The country does not exist',
      }));
    if (errors.length) throw invalidFields(errors);
  }

  private async countryExists(code: string): Promise<boolean> {
    try {
      await this.reference.getCountry(code);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  /** ISO 3166-1 alpha-2 of the active company: how national phone numbers are read. */
  async companyCountry(): Promise<string> {
    return (await this.companies.current()).countryCode;
  }
}
