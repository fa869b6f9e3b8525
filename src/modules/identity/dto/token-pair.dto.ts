import { ApiProperty } from '@nestjs/swagger';

export class TokenPairDto {
  @ApiProperty({ description: 'Access JWT (HS256, 15 minutes); send as `Authorization: Bearer <token>`.' })
  accessToken: string;

  @ApiProperty({
    description: 'Refresh token `<sessionId>.<secret>`; single use: every refresh returns a new one.',
  })
  refreshToken: string;

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires.' })
  expiresIn: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The active company (`cid`).' })
  activeCompanyId: string | null;
}
