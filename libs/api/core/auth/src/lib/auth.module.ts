import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@quorum/api/config';
import { AuthGuard } from './auth.guard';
import { PasswordHasher } from './password-hasher';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds, issuer: 'quorum' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'quorum' },
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }, PasswordHasher],
  exports: [JwtModule, PasswordHasher],
})
export class AuthModule {}
