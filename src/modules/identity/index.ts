// The public API of the identity module: other modules import only from here.
export { IdentityModule } from './identity.module';
export { IdentityAuthenticator, type AuthenticatedSession } from './identity-authenticator';
export { SessionService } from './session.service';
export { UserDirectory, type DirectoryUser } from './user-directory';
export { MembershipDirectory } from './membership-directory.port';
export { TokenPairDto } from './dto/token-pair.dto';
export { UserResponseDto } from './dto/user.response.dto';
export { IdentityErrorCode } from './identity.errors';
export { normalizeEmail } from './password-policy';
export {
  createPlatformAdmin,
  generateStrongPassword,
  PlatformAdminError,
  type CreatedPlatformAdmin,
  type CreatePlatformAdminInput,
} from './platform-admin';
