import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@quorum/api/config';
import { createSecretKey } from 'node:crypto';
import { AuthGuard } from './auth.guard';
import { PasswordHasher } from './password-hasher';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM
        // public key on every verify and throws, which cost ~1 ms of CPU per authenticated request.
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds, issuer: 'quorum' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'quorum' },
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }, PasswordHasher],
  exports: [JwtModule, PasswordHasher],
})
export class AuthModule {}
