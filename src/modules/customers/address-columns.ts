import type { AddressColumns } from './addresses.repository';
import type { CreateAddressDto, UpdateAddressDto } from './dto/address.dto';

/** The columns of an address DTO (absent fields stay absent, for PATCH). */
export function addressColumnsOf(dto: UpdateAddressDto): Partial<AddressColumns> {
  const columns: Partial<AddressColumns> = {
    type: dto.type,
    line1: dto.line1,
    line2: dto.line2,
    city: dto.city,
    region: dto.region,
    postal_code: dto.postalCode,
    country_code: dto.countryCode,
    is_default: dto.isDefault,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}

/** Every column of a new address (absent optional fields are null). */
export function newAddressColumns(dto: CreateAddressDto): AddressColumns {
  return {
    type: dto.type,
    line1: dto.line1,
    line2: dto.line2 ?? null,
    city: dto.city ?? null,
    region: dto.region ?? null,
    postal_code: dto.postalCode ?? null,
    country_code: dto.countryCode ?? null,
    is_default: dto.isDefault ?? false,
  };
}
