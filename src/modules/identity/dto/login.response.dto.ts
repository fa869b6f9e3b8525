import { ApiProperty } from '@nestjs/swagger';
import { TokenPairDto } from './token-pair.dto';
import { UserResponseDto } from './user.response.dto';

export class LoginResponseDto extends TokenPairDto {
  @ApiProperty({ type: UserResponseDto })
  user: UserResponseDto;
}
